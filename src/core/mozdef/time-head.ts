import type { AuditRecord } from '../audit/audit-record';
import type { RecordFields } from '../audit/field-list';
import type { Head } from './lead-records';
import { auditdTypeName } from './record-types';

/** The calls that also read the clock: with modes 0 they change nothing (chrony and ntpstat poll so). */
const ADJUSTING_CALLS: ReadonlySet<string> = new Set(['adjtimex', 'clock_adjtime', 'clock_adjtime64']);

/**
 * What a time syscall did, from its result and the kernel's own account of the change: since Linux 5.0
 * an adjtimex or clock_adjtime that changes the clock comes with a TIME_ADJNTPVAL record per value it
 * changed (`op=freq`, `op=status`...) or a TIME_INJOFFSET (a time step). The C original said "time has
 * been modified" for every one of them, the refused and the read-only included; it still says so for
 * a settimeofday or clock_settime that succeeded. `name`: the syscall's (its category is known from
 * it); `auxiliaries`: the event's other records.
 */
export function timeHead(name: string, f: Pick<RecordFields, 'get'>, auxiliaries: readonly AuditRecord[]): Head {
  if (f.get('success') === 'no') return { category: 'time', summary: `time change failed: ${name} (exit ${f.get('exit') ?? '?'})` };
  if (!ADJUSTING_CALLS.has(name)) return { category: 'time', summary: 'time has been modified' };
  const changes = auxiliaries.flatMap((record) => {
    const type = auditdTypeName(record.type);
    if (type === 'TIME_INJOFFSET') return ['offset'];
    if (type === 'TIME_ADJNTPVAL') return [record.fields.get('op') ?? '?'];
    return [];
  });
  // Kernels before 5.0 record no change at all: "recorded" is what can be said.
  if (changes.length === 0) return { category: 'time', summary: `time not changed: ${name} (no change recorded)` };
  return { category: 'time', summary: `time has been modified: ${name} ${changes.join(', ')}` };
}
