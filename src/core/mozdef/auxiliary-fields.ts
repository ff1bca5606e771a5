import type { AuditRecord } from '../audit/audit-record';
import type { DetailsBuilder } from './details-builder';

/**
 * The fields of the syscall auxiliaries without a role of their own (EventParts.auxiliaries) under
 * their type's name, so that what the kernel said is kept: `kern_module_name`, `netfilter_cfg_table`,
 * `time_adjntpval_old`, `bprm_fcaps_pe`; a second record of a type: `time_adjntpval2_old`.
 */
export function putAuxiliaryFields(records: readonly AuditRecord[], d: DetailsBuilder): void {
  if (records.length === 0) return;
  const seen = new Map<string, number>();
  for (const record of records) {
    const n = (seen.get(record.type) ?? 0) + 1;
    seen.set(record.type, n);
    const prefix = `${record.type.toLowerCase()}${n === 1 ? '' : n}_`;
    for (const [key, value] of record.fields) d.putNamed(prefix + key, value);
  }
}
