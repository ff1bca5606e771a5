import type { AuditRecord } from './audit-record';

/** All records of one kernel (or user-space) event: same node, time and serial. */
export interface AuditEvent {
  readonly node: string | undefined;
  readonly time: string;
  readonly serial: number;
  /** Records in arrival order; EOE is not kept. */
  readonly records: readonly AuditRecord[];
  /** Names of the processes the event refers to (its parent), known from earlier events: ProcessNamer. */
  readonly processNames?: ReadonlyMap<number, string>;
}
