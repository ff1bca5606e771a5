import type { AuditEvent } from '../audit/audit-event';

/**
 * What we know of processes from earlier events (pid → executable), to name an event's parent.
 * Falls back to /proc only when the feed is live; returns undefined rather than guess.
 */
export interface ProcessTable {
  /** Learn from an event's SYSCALL record (pid, ppid, exe, comm). */
  observe(event: AuditEvent): void;
  /** Executable (or comm) of `pid` as last seen, or from /proc when live. */
  processName(pid: number): string | undefined;
}
