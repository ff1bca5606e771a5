import type { AuditRecord } from '../audit/audit-record';
import type { UserDirectory } from '../interpret/user-directory';
import { KEY } from './detail-key';
import type { DetailsBuilder } from './details-builder';
import { isUserSpaceType } from './record-types';

const UNSET_ID = '4294967295';

/** `uid`/`user` and `originaluid`/`originaluser` of a record. Raw ids are the truth; names are extra. */
export class IdentityNames {
  constructor(private readonly users: UserDirectory) {}

  put(record: AuditRecord, d: DetailsBuilder): void {
    const uid = record.fields.get('uid');
    const auid = record.fields.get('auid');
    d.put(KEY.uid, uid);
    d.put(KEY.user, this.userName(record, uid, 'UID'));
    d.put(KEY.originaluid, auid);
    d.put(KEY.originaluser, this.userName(record, auid, 'AUID'));
  }

  /**
   * Kernel records: the ENRICHED tail, right for the host that produced them. User-space records
   * (their tail can be forged) and records without a tail: the local passwd database.
   */
  userName(record: AuditRecord, id: string | undefined, enrichedKey: string): string | undefined {
    if (id === undefined || id === UNSET_ID || id === '-1') return undefined;
    if (record.enriched !== undefined && !isUserSpaceType(record.type)) {
      const name = record.enriched.get(enrichedKey);
      if (name !== undefined) return name === 'unset' || name.startsWith('unknown(') ? undefined : name;
    }
    const n = Number(id);
    return Number.isInteger(n) ? this.users.userName(n) : undefined;
  }
}
