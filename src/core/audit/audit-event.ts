import type { AuditRecord } from './audit-record';

/** All records of one kernel (or user-space) event: same node, time and serial. */
export interface AuditEvent {
  readonly node: string | undefined;
  readonly time: string;
  readonly serial: number;
  /** Records in arrival order; EOE is not kept. */
  readonly records: readonly AuditRecord[];
}
