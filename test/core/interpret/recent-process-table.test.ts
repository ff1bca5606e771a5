import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseRecordLine } from '../../../src/core/audit/parse-record';
import { RecentProcessTable } from '../../../src/core/interpret/recent-process-table';
import type { AuditEvent } from '../../../src/core/audit/audit-event';

function syscallEvent(pid: number, ppid: number, exe: string | undefined, comm = 'c'): AuditEvent {
  const fields = new Map([['pid', String(pid)], ['ppid', String(ppid)], ['comm', comm]]);
  if (exe !== undefined) fields.set('exe', exe);
  return { node: undefined, time: '1.0', serial: 1, records: [{ node: undefined, type: 'SYSCALL', time: '1.0', serial: 1, fields, enriched: undefined }] };
}

test('learns pid → exe from SYSCALL records; the latest sighting wins (exec, pid reuse)', () => {
  const table = new RecentProcessTable({ live: false });
  table.observe(syscallEvent(100, 1, '/usr/bin/bash'));
  assert.equal(table.processName(100), '/usr/bin/bash');
  table.observe(syscallEvent(100, 1, '/usr/bin/cat'));
  assert.equal(table.processName(100), '/usr/bin/cat');
  table.observe(syscallEvent(101, 100, undefined, 'kworker'));
  assert.equal(table.processName(101), 'kworker');
});

test('replaying files never asks /proc: unknown is undefined', () => {
  const table = new RecentProcessTable({ live: false });
  assert.equal(table.processName(process.pid), undefined);
});

test('bounded: the least recently seen pid is forgotten', () => {
  const table = new RecentProcessTable({ live: false, maxEntries: 2 });
  table.observe(syscallEvent(1, 0, '/a'));
  table.observe(syscallEvent(2, 0, '/b'));
  table.observe(syscallEvent(1, 0, '/a'));
  table.observe(syscallEvent(3, 0, '/c'));
  assert.equal(table.processName(2), undefined);
  assert.equal(table.processName(1), '/a');
  assert.equal(table.processName(3), '/c');
});

test('live feeds fall back to /proc for a process not seen yet, and to nothing once it is gone', async () => {
  const table = new RecentProcessTable({ live: true });
  const child = spawn('sleep', ['30'], { stdio: 'ignore' });
  await new Promise((r) => child.once('spawn', r));
  assert.equal(table.processName(child.pid!), realpathSync('/bin/sleep'));
  child.kill();
  await new Promise((r) => child.once('exit', r));
  assert.equal(table.processName(child.pid!), undefined);
  assert.equal(table.processName(-5), undefined);
});

test('a name kept in the table holds its own characters only, not the input chunk it was cut from', () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const table = new RecentProcessTable({ live: false });
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 40; i++) {
    const line = `type=SYSCALL msg=audit(1.${i}:${i}): arch=c000003e syscall=59 ppid=1 pid=${100 + i} comm="c" exe="/usr/local/bin/program-${i}"`;
    // The line is a view on a 2 MB chunk, as the input splitter cuts it.
    const chunk = `${line}\n${'x'.repeat(2_000_000)}`;
    const outcome = parseRecordLine(chunk.slice(0, line.length));
    assert.ok(outcome.ok);
    table.observe({ node: undefined, time: outcome.record.time, serial: i, records: [outcome.record] });
  }
  gc();
  const kept = process.memoryUsage().heapUsed - before;
  assert.equal(table.processName(139), '/usr/local/bin/program-39');
  assert.ok(kept < 20_000_000, `the table keeps ${Math.round(kept / 1e6)} MB for 40 names`);
});
