import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Correlator } from '../../../src/core/audit/correlator';
import type { AuditEvent } from '../../../src/core/audit/audit-event';
import { parseRecordLine } from '../../../src/core/audit/parse-record';
import { Stats } from '../../../src/core/stats/stats';
import { corpusDir } from '../../support/paths';

function correlate(lines: string[], maxOpenEvents = 10000): { events: AuditEvent[]; stats: Stats; c: Correlator } {
  const events: AuditEvent[] = [];
  const stats = new Stats();
  const c = new Correlator({ endOfEventTimeoutMs: 2000, maxOpenEvents }, (e) => events.push(e), stats);
  for (const line of lines) {
    const outcome = parseRecordLine(line);
    if (outcome.ok) c.push(outcome.record);
  }
  return { events, stats, c };
}

const rec = (type: string, t: string, serial: number, rest = 'x=1') => `type=${type} msg=audit(${t}:${serial}): ${rest}`;

test('interleaved events are grouped by serial and completed on EOE', () => {
  const { events } = correlate([
    rec('SYSCALL', '10.000', 1), rec('SYSCALL', '10.000', 2), rec('CWD', '10.000', 1), rec('EOE', '10.000', 2),
    rec('PATH', '10.000', 1), rec('EOE', '10.000', 1),
  ]);
  assert.deepEqual(events.map((e) => [e.serial, e.records.map((r) => r.type).join(',')]), [
    [2, 'SYSCALL'], [1, 'SYSCALL,CWD,PATH'],
  ]);
});

test('user-space records are events at once; CONFIG_CHANGE waits for its SYSCALL', () => {
  const { events, c } = correlate([
    rec('USER_ACCT', '10.000', 5), rec('CONFIG_CHANGE', '10.000', 6), rec('SYSCALL', '10.000', 6),
  ]);
  assert.equal(events.length, 1);
  assert.equal(events[0].records[0].type, 'USER_ACCT');
  assert.equal(c.openEvents, 1);
  c.flush();
  assert.equal(events[1].records.map((r) => r.type).join(','), 'CONFIG_CHANGE,SYSCALL');
});

test('same serial on different nodes are different events', () => {
  const { events, c } = correlate([`node=a ${rec('SYSCALL', '1.0', 9)}`, `node=b ${rec('SYSCALL', '1.0', 9)}`]);
  c.flush();
  assert.equal(events.length, 2);
  assert.deepEqual(events.map((e) => e.node), ['a', 'b']);
});

test('an event without EOE completes once later records are past the timeout (audit time)', () => {
  const { events, stats } = correlate([rec('SYSCALL', '10.000', 1), rec('SYSCALL', '11.999', 2), rec('SYSCALL', '12.001', 3)]);
  assert.deepEqual(events.map((e) => e.serial), [1]);
  assert.equal(stats.get('correlator', 'closed_timeout'), 1);
});

test("an event's age counts from when its first record came, not from its own time: skewed, set-back or replayed times do not split events", () => {
  // An older log replayed after a newer one (--input new.log --input old.log).
  const replayed = correlate([
    rec('SYSCALL', '100.000', 1), rec('SYSCALL', '40.000', 2), rec('EOE', '100.000', 1), rec('SYSCALL', '100.500', 3),
    rec('EOE', '100.500', 3), rec('PATH', '40.000', 2), rec('EOE', '40.000', 2),
  ]);
  // Another node's clock is ten minutes behind, its events interleaved with this one's.
  const skewed = correlate([
    `node=a ${rec('SYSCALL', '1000.000', 10)}`, `node=b ${rec('SYSCALL', '400.000', 11)}`, `node=a ${rec('EOE', '1000.000', 10)}`,
    `node=b ${rec('PATH', '400.000', 11)}`, `node=b ${rec('EOE', '400.000', 11)}`,
  ]);
  // The clock was set back an hour between two events; after it, events interleave as usual.
  const setBack = correlate([
    rec('SYSCALL', '4600.000', 20), rec('EOE', '4600.000', 20), rec('SYSCALL', '1000.000', 21), rec('SYSCALL', '1000.001', 22),
    rec('EOE', '1000.001', 22), rec('PATH', '1000.000', 21), rec('EOE', '1000.000', 21),
  ]);
  for (const { events, stats } of [replayed, skewed, setBack]) {
    assert.equal(stats.get('correlator', 'closed_timeout'), 0);
    assert.equal(new Set(events.map((e) => e.serial)).size, events.length, 'one event, one message');
  }
  assert.deepEqual(replayed.events.find((e) => e.serial === 2)?.records.map((r) => r.type), ['SYSCALL', 'PATH']);
  assert.deepEqual(skewed.events.find((e) => e.serial === 11)?.records.map((r) => r.type), ['SYSCALL', 'PATH']);
  assert.deepEqual(setBack.events.find((e) => e.serial === 21)?.records.map((r) => r.type), ['SYSCALL', 'PATH']);
});

test('while the audit clock stands still and records keep coming, an event open for a whole tick period is complete (wall clock)', () => {
  const { events, stats, c } = correlate([rec('SYSCALL', '4600.000', 1), rec('EOE', '4600.000', 1)]);
  const push = (line: string) => {
    const outcome = parseRecordLine(line);
    if (outcome.ok) c.push(outcome.record);
  };
  // The clock was set back: records without EOE (a network feed) all look older than the clock.
  push(rec('SYSCALL', '1000.000', 2));
  c.tick();
  push(rec('SYSCALL', '1001.000', 3));
  assert.deepEqual(events.map((e) => e.serial), [1], 'open less than a whole period: kept');
  c.tick();
  assert.deepEqual(events.map((e) => e.serial), [1, 2]);
  assert.equal(stats.get('correlator', 'closed_clock_stalled'), 1);
  push(rec('SYSCALL', '4601.000', 4));
  c.tick();
  assert.deepEqual(events.map((e) => e.serial), [1, 2], 'a clock that moves is used again');
});

test('idle ticks flush open events (wall clock)', () => {
  const { events, c } = correlate([rec('SYSCALL', '10.000', 1)]);
  c.tick(); // records arrived since the last tick: nothing yet
  assert.equal(events.length, 0);
  c.tick(); // idle for a whole period
  assert.equal(events.length, 1);
});

test('the bound on open events completes the oldest', () => {
  const { events, stats } = correlate([rec('SYSCALL', '1.0', 1), rec('SYSCALL', '1.0', 2), rec('SYSCALL', '1.0', 3)], 2);
  assert.deepEqual(events.map((e) => e.serial), [1]);
  assert.equal(stats.get('correlator', 'closed_bound'), 1);
});

test('EOE for an unknown event is counted, not fatal', () => {
  const { events, stats } = correlate([rec('EOE', '1.0', 77)]);
  assert.equal(events.length, 0);
  assert.equal(stats.get('correlator', 'eoe_without_event'), 1);
});

test('real capture: every kernel event with EOE comes out whole, nothing is lost', () => {
  const lines = readFileSync(path.join(corpusDir(), 'realaudit', 'basic-1.log'), 'utf8').split('\n');
  const { events, c } = correlate(lines);
  c.flush();
  const records = lines.filter((l) => l.startsWith('type=') && !l.startsWith('type=EOE')).length;
  assert.equal(events.reduce((n, e) => n + e.records.length, 0), records);
  const keys = events.map((e) => `${e.time}:${e.serial}`);
  assert.equal(new Set(keys).size, keys.length, 'no event split in two');
  assert.ok(events.some((e) => e.records.length >= 5));
});

test('an event left for another and came back to keeps its records and its place among the oldest', () => {
  const { events, stats, c } = correlate([
    rec('SYSCALL', '10.000', 1), rec('PATH', '10.000', 1), rec('SYSCALL', '10.500', 2), rec('CWD', '10.000', 1),
    rec('SYSCALL', '13.000', 3),
  ]);
  assert.deepEqual(events.map((e) => [e.serial, e.records.map((r) => r.type).join(',')]), [
    [1, 'SYSCALL,PATH,CWD'], [2, 'SYSCALL'],
  ]);
  assert.equal(stats.get('correlator', 'closed_timeout'), 2);
  assert.equal(c.openEvents, 1);
  const late = parseRecordLine(rec('PATH', '13.000', 3));
  assert.ok(late.ok);
  c.push(late.record);
  c.flush();
  assert.deepEqual(events.map((e) => e.serial), [1, 2, 3]);
  assert.equal(events[2].records.length, 2);
  assert.equal(c.openEvents, 0);
});

test('with room for one open event, each new event completes the one before', () => {
  const { events, stats, c } = correlate([rec('SYSCALL', '1.0', 1), rec('SYSCALL', '1.0', 2), rec('PATH', '1.0', 2), rec('SYSCALL', '1.0', 3)], 1);
  assert.deepEqual(events.map((e) => [e.serial, e.records.length]), [[1, 1], [2, 2]]);
  assert.equal(stats.get('correlator', 'closed_bound'), 2);
  assert.equal(c.openEvents, 1);
});
