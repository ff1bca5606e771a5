import type { AuditEvent } from '../src/core/audit/audit-event';
import { parseRecordLine } from '../src/core/audit/parse-record';
import { PasswdUserDirectory } from '../src/core/interpret/passwd-user-directory';
import { TableSyscallNames } from '../src/core/interpret/table-syscall-names';
import { MozDefFormatter } from '../src/core/mozdef/mozdef-formatter';

/**
 * Formatting time of one event by its number of records, for the events that grow without a bound in
 * real feeds: a kill of every process (an OBJ_PID record per process) and a syscall with many PATH
 * items. The time per record should not grow with the event (`growth`, the time per record of the
 * largest over the smallest, near 1: linear; it was quadratic, 6000 OBJ_PID records took 7 s).
 * `npm run build && node dist/bench/large-event.js`
 */
// Past 2000 or so records the event's keys are more than the formatter remembers (KEYS_REMEMBERED),
// so each costs a new key: sizes above that compare like with like.
const SIZES = (process.env.SIZES ?? '4000,16000,64000').split(',').map(Number);
const RUNS = 3;
const HEAD = 'type=SYSCALL msg=audit(1795585826.100:950): arch=c000003e syscall=SYSCALL success=yes exit=0 a0=ffffffff a1=f items=0 ppid=1 pid=2 auid=1000 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=1 comm="x" exe="/usr/bin/x" key=(null)';

const shapes: Record<string, { syscall: number; record: (n: number) => string }> = {
  obj_pid: { syscall: 62, record: (n) => `type=OBJ_PID msg=audit(1795585826.100:950): opid=${1000 + n} oauid=1000 ouid=0 oses=1 ocomm="p${n}"` },
  path: { syscall: 2, record: (n) => `type=PATH msg=audit(1795585826.100:950): item=${n} name="/tmp/p${n}" inode=${n} dev=fe:00 mode=0100644 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL` },
};

function event(lines: string[]): AuditEvent {
  const records = lines.map((line) => {
    const outcome = parseRecordLine(line);
    if (!outcome.ok) throw new Error(`not a record: ${line}`);
    return outcome.record;
  });
  return { node: undefined, time: records[0].time, serial: records[0].serial, records };
}

const formatter = new MozDefFormatter(
  { hostname: 'bench.example.com', version: 'bench', ignoreEmptyExecve: true, maxValueLength: 4096 },
  new TableSyscallNames(),
  new PasswdUserDirectory(),
);
const result: Record<string, Record<string, number>> = {};
for (const [name, shape] of Object.entries(shapes)) {
  const msPerRecord: number[] = [];
  for (const size of SIZES) {
    const lines = [HEAD.replace('SYSCALL', String(shape.syscall)), ...Array.from({ length: size }, (_, n) => shape.record(n))];
    const parsed = event(lines);
    let ms = Infinity;
    // The fastest of a few: the first runs also pay for the JIT.
    for (let run = 0; run < RUNS; run++) {
      const started = process.hrtime.bigint();
      if (formatter.format(parsed) === undefined) throw new Error(`${name}: no message`);
      ms = Math.min(ms, Number(process.hrtime.bigint() - started) / 1e6);
    }
    msPerRecord.push(ms / size);
    result[name] = { ...result[name], [`ms_${size}`]: Number(ms.toFixed(1)) };
  }
  result[name].growth = Number((msPerRecord[msPerRecord.length - 1] / msPerRecord[0]).toFixed(2));
}
console.log(JSON.stringify({ bench: 'large-event', ...result }));
