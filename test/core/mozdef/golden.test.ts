import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AuditEvent } from '../../../src/core/audit/audit-event';
import { Correlator } from '../../../src/core/audit/correlator';
import { parseRecordLine } from '../../../src/core/audit/parse-record';
import { parseMessage } from '../../support/parse-message';
import { MozDefFormatter } from '../../../src/core/mozdef/mozdef-formatter';
import type { MozDefMessage } from '../../../src/core/mozdef/mozdef-message';
import { Stats } from '../../../src/core/stats/stats';
import { PasswdUserDirectory } from '../../../src/core/interpret/passwd-user-directory';
import { ProcessNamer } from '../../../src/core/interpret/process-namer';
import { RecentProcessTable } from '../../../src/core/interpret/recent-process-table';
import { TableSyscallNames } from '../../../src/core/interpret/table-syscall-names';
import { repoRoot } from '../../support/paths';

/**
 * Golden tests: test/fixtures/golden/NAME.log (a raw plugin feed, `#` comments allowed) must format to
 * NAME.json (the messages, pretty-printed, in emission order). `UPDATE_GOLDEN=1 npm test` rewrites the
 * expected files; check every change by hand before committing it.
 */

const GOLDEN = path.join(repoRoot(), 'test', 'fixtures', 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** passwd and group as on the capture host (golden/passwd, golden/group), so the expected files do
 * not depend on this machine; the process table as for a replay (no /proc). */
const USERS = { passwdFile: path.join(GOLDEN, 'passwd'), groupFile: path.join(GOLDEN, 'group') };

function formatFeed(text: string, maxValueLength = 2048): MozDefMessage[] {
  const formatter = new MozDefFormatter(
    { hostname: 'golden.example.com', version: 'golden', ignoreEmptyExecve: true, maxValueLength, processId: 4242 },
    new TableSyscallNames(),
    new PasswdUserDirectory(USERS),
  );
  const namer = new ProcessNamer(new RecentProcessTable({ live: false }));
  const messages: MozDefMessage[] = [];
  const onEvent = (event: AuditEvent): void => {
    const message = parseMessage(formatter.format(namer.name(event)));
    if (message !== undefined) messages.push(message);
  };
  const correlator = new Correlator({ endOfEventTimeoutMs: 2000, maxOpenEvents: 10_000 }, onEvent, new Stats());
  for (const line of text.split('\n')) {
    const outcome = parseRecordLine(line);
    if (outcome.ok) correlator.push(outcome.record);
    else assert.ok(outcome.reason === 'blank' || outcome.reason === 'comment', `not a record: ${line.slice(0, 80)}`);
  }
  correlator.flush();
  return messages;
}

const fixtures = readdirSync(GOLDEN).filter((f) => f.endsWith('.log')).sort();

test('there are golden fixtures', () => {
  assert.ok(fixtures.length >= 12, `found ${fixtures.length}`);
});

for (const fixture of fixtures) {
  const name = fixture.slice(0, -'.log'.length);
  test(`golden: ${name}.log formats to ${name}.json`, () => {
    const messages = formatFeed(readFileSync(path.join(GOLDEN, fixture), 'utf8'));
    // What a sink receives: one JSON document per message, valid whatever the values held.
    const lines = messages.map((m) => JSON.stringify(m));
    assert.deepEqual(lines.map((l) => JSON.parse(l)), messages);
    const expectedPath = path.join(GOLDEN, `${name}.json`);
    const text = `${JSON.stringify(messages, null, 2)}\n`;
    if (UPDATE) {
      writeFileSync(expectedPath, text);
      return;
    }
    assert.ok(existsSync(expectedPath), `${name}.json is missing: run UPDATE_GOLDEN=1 npm test`);
    const expected = readFileSync(expectedPath, 'utf8');
    assert.deepEqual(messages, JSON.parse(expected));
    // and the same text: key order is part of the output
    assert.equal(text, expected);
  });
}

test('landlock.log: a newer auditd, which names Landlock\'s types, gives the same messages as 3.0.9\'s UNKNOWN[n]', () => {
  const unnamed = readFileSync(path.join(GOLDEN, 'landlock.log'), 'utf8');
  const named = unnamed.replaceAll('type=UNKNOWN[1423]', 'type=LANDLOCK_ACCESS').replaceAll('type=UNKNOWN[1424]', 'type=LANDLOCK_DOMAIN');
  assert.notEqual(named, unnamed);
  const messages = formatFeed(named);
  assert.deepEqual(messages.map((m) => m.category), ['landlock', 'landlock', 'landlock', 'landlock']);
  assert.deepEqual(messages, formatFeed(unnamed));
});

test('hostile.log: split EXECVE arguments are reassembled whole, byte for byte', () => {
  const messages = formatFeed(readFileSync(path.join(GOLDEN, 'hostile.log'), 'utf8'), 1_000_000);
  const commands = messages.filter((m) => m.category === 'execve').map((m) => m.details.command);
  assert.deepEqual(commands, [
    `/bin/echo a"b\\c x\ny héllo ${'x'.repeat(100_000)}`,
    `/bin/echo ${'é€😀'.repeat(3000)}`,
  ]);
});
