import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AuditEvent } from '../src/core/audit/audit-event';
import { Correlator } from '../src/core/audit/correlator';
import { parseRecordLine } from '../src/core/audit/parse-record';
import { MozDefFormatter } from '../src/core/mozdef/mozdef-formatter';
import { Stats } from '../src/core/stats/stats';
import { PasswdUserDirectory } from '../src/core/interpret/passwd-user-directory';
import { ProcessNamer } from '../src/core/interpret/process-namer';
import { RecentProcessTable } from '../src/core/interpret/recent-process-table';
import { TableSyscallNames } from '../src/core/interpret/table-syscall-names';

/**
 * MozDef formatting speed (JSON text included) on the real capture (630 events), formatted ROUNDS
 * times; fields are parsed in the first round only. `npm run build && node dist/bench/format-bench.js [ROUNDS]`.
 */
const root = path.resolve(__dirname, '..', '..');
const feed = readFileSync(path.join(root, '..', 'shared', 'corpus', 'realaudit', 'basic-1.log'), 'utf8');
const events: AuditEvent[] = [];
const namer = new ProcessNamer(new RecentProcessTable({ live: false }));
const correlator = new Correlator({ endOfEventTimeoutMs: 2000, maxOpenEvents: 10_000 }, (e) => events.push(namer.name(e)), new Stats());
for (const line of feed.split('\n')) {
  const outcome = parseRecordLine(line);
  if (outcome.ok) correlator.push(outcome.record);
}
correlator.flush();

const rounds = Number(process.argv[2] ?? 400);
for (let run = 0; run < 3; run++) {
  const formatter = new MozDefFormatter(
    { hostname: 'bench.example.com', version: 'bench', ignoreEmptyExecve: true, maxValueLength: 4096 },
    new TableSyscallNames(),
    new PasswdUserDirectory(),
  );
  let chars = 0;
  const start = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) {
    for (const event of events) chars += formatter.format(event)?.json.length ?? 0;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`format: ${Math.round((events.length * rounds) / seconds)} events/s (${events.length} events x ${rounds}, ${chars} chars)`);
}
