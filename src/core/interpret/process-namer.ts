import type { AuditEvent } from '../audit/audit-event';
import { kernelField } from '../audit/parse-record';
import { isAppArmorType } from '../mozdef/event-parts';
import type { ProcessTable } from './process-table';

/**
 * The process table's only user. For each finished event, in event order, it names the processes the
 * event refers to (a SYSCALL record's `ppid`, a URINGOP record's `ppid` and `pid`, an AppArmor record's
 * `parent`) from what earlier events showed, then teaches the table the event's own process. It runs
 * where events are finished, so the formatter keeps no state across events and can run on any thread.
 */
export class ProcessNamer {
  constructor(private readonly table: ProcessTable) {}

  /** The event with `processNames`, when any process it refers to is known. */
  name(event: AuditEvent): AuditEvent {
    let names: Map<number, string> | undefined;
    let syscall = false;
    for (const record of event.records) {
      if (record.type === 'SYSCALL') {
        if (syscall) continue;
        syscall = true;
        names = this.withName(names, kernelField(record, 'ppid'));
      } else if (record.type === 'URINGOP') {
        // An io_uring operation's record has neither comm nor exe: its own process is named too.
        names = this.withName(this.withName(names, kernelField(record, 'ppid')), kernelField(record, 'pid'));
      } else if (record.type === 'AVC' || isAppArmorType(record.type)) {
        // AppArmor records name their parent process in `parent=`.
        names = this.withName(names, kernelField(record, 'parent'));
      }
    }
    if (syscall) this.table.observe(event);
    // Spelt out: an object spread costs more than the rest of this method.
    return names === undefined ? event : { node: event.node, time: event.time, serial: event.serial, records: event.records, processNames: names };
  }

  /** `names` with the name of process `pid` added when the table knows it (made when first needed). */
  private withName(names: Map<number, string> | undefined, pid: string | undefined): Map<number, string> | undefined {
    const n = Number(pid);
    const name = pid === undefined || !Number.isInteger(n) ? undefined : this.table.processName(n);
    if (name !== undefined) (names ??= new Map()).set(n, name);
    return names;
  }
}
