import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseRecordLine } from '../../../src/core/audit/parse-record';
import { SerialGapTracker } from '../../../src/core/audit/serial-gaps';
import { Stats } from '../../../src/core/stats/stats';
import { repoRoot } from '../../support/paths';

const corpus = path.join(repoRoot(), '..', 'shared', 'corpus');

/** node, type, time and serial of each record line, enough for the tracker. */
function records(text: string): { node: string | undefined; type: string; time: string; serial: number }[] {
  const out = [];
  for (const line of text.split('\n')) {
    const m = /^(?:node=(\S+) )?type=(\S+) msg=audit\(([0-9.]+):([0-9]+)\)/.exec(line);
    if (m) out.push({ node: m[1], type: m[2], time: m[3], serial: Number(m[4]) });
  }
  return out;
}

function feed(tracker: SerialGapTracker, serials: number[], node?: string, time = '100.000'): void {
  for (const serial of serials) tracker.observe({ node, type: 'SYSCALL', time, serial });
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

test('go-libaudit lost_messages.log: serials 50-58 never arrived', () => {
  const tracker = new SerialGapTracker({ window: 0 });
  const file = path.join(corpus, 'public/elastic__go-libaudit/testdata/lost_messages.log');
  for (const r of records(readFileSync(file, 'utf8'))) tracker.observe(r);
  assert.deepEqual(tracker.report(), { lost: 9, pending: 0, late: 0, restarts: 0, examples: [{ node: '', first: 50, last: 58 }] });
});

test('go-libaudit lost_messages.log with the default window: the gap is pending, not yet lost', () => {
  const tracker = new SerialGapTracker();
  const file = path.join(corpus, 'public/elastic__go-libaudit/testdata/lost_messages.log');
  for (const r of records(readFileSync(file, 'utf8'))) tracker.observe(r);
  assert.equal(tracker.report().lost, 0);
  assert.equal(tracker.report().pending, 9);
});

test('go-libaudit rollover.log: u32 wrap-around 4294967294 → 2 is no loss and no restart', () => {
  const tracker = new SerialGapTracker({ window: 0 });
  const file = path.join(corpus, 'public/elastic__go-libaudit/testdata/rollover.log');
  for (const r of records(readFileSync(file, 'utf8'))) tracker.observe(r);
  assert.deepEqual(tracker.report(), { lost: 0, pending: 0, late: 0, restarts: 0, examples: [] });
});

test('a gap across the wrap-around is reported with the serials the kernel wrote', () => {
  const tracker = new SerialGapTracker({ window: 2 });
  feed(tracker, [4294967293, 1, 2, 3, 4]);
  assert.deepEqual(tracker.report().examples, [{ node: '', first: 4294967294, last: 0 }]);
  assert.equal(tracker.report().lost, 3);
});

test('go-libaudit out_of_order.log: reordering within the window is not loss', () => {
  const tracker = new SerialGapTracker();
  const file = path.join(corpus, 'public/elastic__go-libaudit/testdata/out_of_order.log');
  for (const r of records(readFileSync(file, 'utf8'))) tracker.observe(r);
  assert.deepEqual(tracker.report(), { lost: 0, pending: 0, late: 0, restarts: 0, examples: [] });
});

test('an event arriving after 250 later ones (seen here) is not counted lost', () => {
  const stats = new Stats();
  const tracker = new SerialGapTracker({ stats });
  feed(tracker, [...range(1, 99), ...range(101, 351), 100]);
  assert.equal(tracker.report().lost, 0);
  assert.equal(stats.get('audit', 'serials.lost'), 0);
});

test('a missing serial is lost once the window has passed it; a few runs are kept as examples', () => {
  const stats = new Stats();
  const tracker = new SerialGapTracker({ window: 10, maxExamples: 2, stats });
  feed(tracker, [...range(1, 4), ...range(8, 20), ...range(23, 40), ...range(45, 60)]);
  const r = tracker.report();
  assert.equal(r.lost, 3 + 2 + 4);
  assert.deepEqual(r.examples, [{ node: '', first: 5, last: 7 }, { node: '', first: 21, last: 22 }]);
  assert.equal(stats.get('audit', 'serials.lost'), 9);
  assert.equal(tracker.formatReport(), 'lost=9 pending=0 late=0 restarts=0 examples=-:5-7,-:21-22');
});

test('a huge jump (kernel backlog overflow) counts every serial without holding them in memory', () => {
  const tracker = new SerialGapTracker({ window: 100 });
  feed(tracker, [1, 50_000_001, ...range(50_000_002, 50_000_200)]);
  assert.equal(tracker.report().lost, 49_999_999); // 2 .. 50_000_000
  assert.equal(tracker.report().pending, 0);
});

test('nodes are tracked apart', () => {
  const tracker = new SerialGapTracker({ window: 1 });
  feed(tracker, [1, 2, 3, 4], 'a');
  feed(tracker, [1000, 1002, 1003, 1004], 'b');
  assert.deepEqual(tracker.report().examples, [{ node: 'b', first: 1001, last: 1001 }]);
});

test('a restart (serial far back with a newer time) starts afresh; what was pending is lost', () => {
  const tracker = new SerialGapTracker({ window: 5 });
  feed(tracker, [...range(1000, 1010), 1012], undefined, '100.000');
  feed(tracker, range(1, 20), undefined, '200.000');
  assert.deepEqual(tracker.report(), { lost: 1, pending: 0, late: 0, restarts: 1, examples: [{ node: '', first: 1011, last: 1011 }] });
});

test('a very late event (older time, beyond the window) is counted late, not a restart', () => {
  const tracker = new SerialGapTracker({ window: 5 });
  feed(tracker, [...range(1, 9), ...range(11, 30)], undefined, '100.000');
  feed(tracker, [10], undefined, '99.000');
  assert.deepEqual(tracker.report(), { lost: 1, pending: 0, late: 1, restarts: 0, examples: [{ node: '', first: 10, last: 10 }] });
});

test("auditd's own DAEMON_* serials are not the kernel's and are ignored", () => {
  const tracker = new SerialGapTracker({ window: 0 });
  const file = path.join(corpus, 'realaudit/basic-1.log');
  for (const r of records(readFileSync(file, 'utf8'))) tracker.observe(r);
  const r = tracker.report();
  // The capture has whole events of unrelated processes removed (see corpus README): those are the gaps.
  assert.equal(r.restarts, 0);
  assert.equal(r.late, 0);
  tracker.observe({ node: undefined, type: 'DAEMON_END', time: '1.000', serial: 1 });
  assert.deepEqual(tracker.report(), r);
});

test('a node name kept per node holds its own characters only, not the input chunk it was cut from', () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const tracker = new SerialGapTracker({ window: 2 });
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 30; i++) {
    const line = `node=host-${i}.example.com type=SYSCALL msg=audit(1.5:${10 + i}): arch=c000003e`;
    const chunk = `${line}\n${'x'.repeat(2_000_000)}`;
    const outcome = parseRecordLine(chunk.slice(0, line.length));
    assert.ok(outcome.ok);
    tracker.observe(outcome.record);
    tracker.observe({ ...outcome.record, serial: 20 + i }); // a gap: lost serials with this node as example
  }
  gc();
  const kept = process.memoryUsage().heapUsed - before;
  assert.ok(tracker.report().lost > 0);
  assert.ok(kept < 20_000_000, `the tracker keeps ${Math.round(kept / 1e6)} MB for 30 nodes`);
});
