import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Correlator } from '../../../src/core/audit/correlator';
import { parseRecordLine } from '../../../src/core/audit/parse-record';
import { parseMessage } from '../../support/parse-message';
import { recordsRead } from '../../../src/core/mozdef/event-parts';
import { MozDefFormatter } from '../../../src/core/mozdef/mozdef-formatter';
import type { MozDefMessage } from '../../../src/core/mozdef/mozdef-message';
import { Stats } from '../../../src/core/stats/stats';
import { PasswdUserDirectory } from '../../../src/core/interpret/passwd-user-directory';
import { ProcessNamer } from '../../../src/core/interpret/process-namer';
import { RecentProcessTable } from '../../../src/core/interpret/recent-process-table';
import { TableSyscallNames } from '../../../src/core/interpret/table-syscall-names';

/** Every event of every feed in the shared corpus (read in place) formats to a well-formed message. */
function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

const CORPUS = path.join(repoRoot(), '..', 'shared', 'corpus');
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/;
const MAX_VALUE = 1024;
const PLAIN_KEY = /^[A-Za-z0-9_-]+$/;

function feeds(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...feeds(full));
    else if (/\.(log|txt|in)$/.test(entry)) out.push(full);
  }
  return out.sort();
}

function checkMessage(m: MozDefMessage, where: string): void {
  assert.ok(m.category.length > 0 && m.summary.length > 0, `${where}: category and summary`);
  assert.match(m.timestamp, TIMESTAMP, `${where}: timestamp`);
  assert.deepEqual(m.tags.slice(0, 1), ['audisp-json']);
  for (const [key, value] of Object.entries(m.details)) {
    assert.equal(typeof value, 'string', `${where}: details.${key}`);
    // One plain name: what Elasticsearch (MozDef's store) indexes as one field, and queries can name.
    assert.match(key, PLAIN_KEY, `${where}: details key ${JSON.stringify(key)}`);
    // the cut marker adds at most ~25 characters
    assert.ok(value.length <= MAX_VALUE + 32, `${where}: details.${key} is ${value.length} long`);
  }
  assert.ok(m.details.auditserial !== undefined && m.details.eventid !== undefined, `${where}: ids`);
  assert.deepEqual(JSON.parse(JSON.stringify(m)), m, `${where}: JSON round trip`);
}

test('every event of the shared corpus formats to a well-formed MozDef message', { skip: !existsSync(CORPUS) }, () => {
  let events = 0;
  let messages = 0;
  for (const file of feeds(CORPUS)) {
    const formatter = new MozDefFormatter(
      { hostname: 'corpus.example.com', version: 'test', ignoreEmptyExecve: false, maxValueLength: MAX_VALUE },
      new TableSyscallNames(),
      new PasswdUserDirectory(),
    );
    const namer = new ProcessNamer(new RecentProcessTable({ live: false }));
    const where = path.relative(CORPUS, file);
    const correlator = new Correlator({ endOfEventTimeoutMs: 2000, maxOpenEvents: 10_000 }, (event) => {
      events++;
      const message = parseMessage(formatter.format(namer.name(event)));
      assert.ok(message !== undefined, `${where}: only ignoreEmptyExecve skips, and it is off`);
      checkMessage(message, `${where} serial ${event.serial}`);
      messages++;
    }, new Stats());
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const outcome = parseRecordLine(line);
      if (outcome.ok) correlator.push(outcome.record);
    }
    correlator.flush();
  }
  assert.ok(events > 1000, `only ${events} events`);
  assert.equal(messages, events);
});

test('leaving out the records the formatter does not read changes no message of the corpus', { skip: !existsSync(CORPUS) }, () => {
  const newFormatter = () => new MozDefFormatter(
    { hostname: 'corpus.example.com', version: 'test', ignoreEmptyExecve: true, maxValueLength: MAX_VALUE },
    new TableSyscallNames(),
    new PasswdUserDirectory(),
  );
  let events = 0;
  let leftOut = 0;
  for (const file of feeds(CORPUS)) {
    // Two formatters in step: all records, and only those read; process names as the pipeline gives them.
    const all = newFormatter();
    const read = newFormatter();
    const namer = new ProcessNamer(new RecentProcessTable({ live: false }));
    const correlator = new Correlator({ endOfEventTimeoutMs: 2000, maxOpenEvents: 10_000 }, (unnamed) => {
      const event = namer.name(unnamed);
      events++;
      const kept = recordsRead(event.records);
      leftOut += event.records.length - kept.length;
      const where = `${path.relative(CORPUS, file)} serial ${event.serial}`;
      assert.deepEqual(read.format({ ...event, records: kept }), all.format(event), where);
    }, new Stats());
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const outcome = parseRecordLine(line);
      if (outcome.ok) correlator.push(outcome.record);
    }
    correlator.flush();
  }
  assert.ok(events > 1000 && leftOut > 500, `${events} events, ${leftOut} records left out`);
});
