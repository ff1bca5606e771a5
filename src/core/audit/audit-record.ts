import type { RecordFields } from './field-list';

/** One audit record (one line of the plugin feed), with its values already unquoted and hex-decoded. */
export interface AuditRecord {
  /** `node=` prefix of the line, if any. */
  readonly node: string | undefined;
  /** Record type as written: `SYSCALL`, `EXECVE`, `UNKNOWN[1327]`... */
  readonly type: string;
  /** Audit time as written, seconds with milliseconds: `1795580025.014`. */
  readonly time: string;
  /** Event serial within the node. */
  readonly serial: number;
  /** Raw fields in order of appearance; values unquoted, hex decoded; `(null)`/`(none)` are left out. */
  readonly fields: RecordFields;
  /** Interpreted fields of the ENRICHED tail (after the last 0x1d), if any. Names are auditd's (`UID`, `AUID`...). */
  readonly enriched: RecordFields | undefined;
}

/** The key that identifies the event a record belongs to. */
export function eventKey(record: Pick<AuditRecord, 'node' | 'time' | 'serial'>): string {
  return `${record.node ?? ''}\u0000${record.time}:${record.serial}`;
}
