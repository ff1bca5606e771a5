import type { AuditRecord } from '../audit/audit-record';
import type { DetailsBuilder } from './details-builder';
import { typePrefix } from './record-types';

/**
 * The fields of the records without a role of their own (EventParts.auxiliaries) under their type's
 * name, so that what the kernel said is kept: `kern_module_name`, `netfilter_cfg_table`,
 * `avc_path_path`. A type's next record is numbered: `time_adjntpval2_old`, and so is one whose type
 * the message already shows (`shown`: its lead, its first OBJ_PID): a second AVC gives `avc2_tclass`.
 */
export function putAuxiliaryFields(records: readonly AuditRecord[], shown: readonly (AuditRecord | undefined)[], d: DetailsBuilder): void {
  // Counted by prefix, so that an older auditd's UNKNOWN[1334] and a BPF record are bpf_ and bpf2_.
  const seen = new Map<string, number>();
  const count = (type: string): number => {
    const n = (seen.get(type) ?? 0) + 1;
    seen.set(type, n);
    return n;
  };
  for (const record of shown) if (record !== undefined) count(typePrefix(record.type));
  for (const record of records) {
    const type = typePrefix(record.type);
    const n = count(type);
    const prefix = `${type}${n === 1 ? '' : n}_`;
    for (const [key, value] of record.fields) d.putNamed(prefix + key, value);
  }
}
