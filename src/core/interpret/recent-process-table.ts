import { readFileSync, readlinkSync } from 'node:fs';
import type { AuditEvent } from '../audit/audit-event';
import { ownCopy } from '../audit/own-copy';
import { kernelField } from '../audit/parse-record';
import type { ProcessTable } from './process-table';

export interface RecentProcessTableOptions {
  /** Reading auditd's live feed: /proc describes the same processes. Replaying files: it does not. */
  readonly live: boolean;
  readonly maxEntries?: number;
  /** For tests. */
  readonly procRoot?: string;
}

/**
 * pid → executable, learned from every event's SYSCALL record (after an execve the pid runs the new
 * program, which is what its children will see as parent). Bounded: the least recently seen pid goes.
 *
 * Pid reuse: a later record for the same pid replaces the entry, so what we hold is always the latest
 * process we saw under that pid.
 * A pid that was reused by a process we never saw would still name the old one; with Linux's pid_max
 * (4M on 64-bit) that needs millions of forks between two sightings, more than the table's bound
 * keeps, so the bound also serves as the staleness limit. /proc is read only for live feeds, at the
 * moment of the lookup, and never cached (it would be right only then).
 */
export class RecentProcessTable implements ProcessTable {
  private readonly known = new Map<number, string>();
  private readonly maxEntries: number;
  private readonly procRoot: string;

  constructor(private readonly options: RecentProcessTableOptions) {
    this.maxEntries = options.maxEntries ?? 32768;
    this.procRoot = options.procRoot ?? '/proc';
  }

  observe(event: AuditEvent): void {
    for (const record of event.records) {
      if (record.type !== 'SYSCALL') continue;
      // Read in place: this runs for every event, on the thread that reads the feed.
      const pid = Number(kernelField(record, 'pid'));
      const name = kernelField(record, 'exe') ?? kernelField(record, 'comm');
      if (!Number.isInteger(pid) || name === undefined) return;
      const before = this.known.get(pid);
      this.known.delete(pid);
      this.known.set(pid, before === name ? before : ownCopy(name));
      if (this.known.size > this.maxEntries) this.known.delete(this.known.keys().next().value as number);
      return;
    }
  }

  processName(pid: number): string | undefined {
    const known = this.known.get(pid);
    if (known !== undefined) return known;
    if (!this.options.live || !(pid > 0)) return undefined;
    try {
      return readlinkSync(`${this.procRoot}/${pid}/exe`);
    } catch {
      // kernel threads and other users' processes have no readable exe link; comm still names them
    }
    try {
      return readFileSync(`${this.procRoot}/${pid}/comm`, 'utf8').trimEnd();
    } catch {
      return undefined;
    }
  }
}
