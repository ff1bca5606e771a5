import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Spool } from '../../../src/core/delivery/spool';
import { message, tempDir } from '../../fixtures/delivery/test-support';

const options = { maxBytes: 1 << 20, fsync: false, segmentBytes: 1000 };

function drain(spool: Spool, batch = 3): number[] {
  const out: number[] = [];
  for (;;) {
    const read = spool.read(batch);
    if (read.messages.length === 0 && read.corrupt === 0) return out;
    out.push(...read.messages.map((m) => JSON.parse(m.json).n as number));
    spool.commit(read.end);
  }
}

test('spool keeps messages in order across segments and leaves no segment behind once drained and reopened', () => {
  const dir = tempDir('spool');
  const spool = Spool.open(dir, options);
  for (let n = 0; n < 50; n++) assert.deepEqual(spool.append(message(n)), { status: 'ok' });
  assert.ok(fs.readdirSync(dir).filter((f) => f.endsWith('.seg')).length > 1, 'several segments');
  assert.deepEqual(drain(spool), [...Array(50).keys()]);
  assert.equal(spool.isEmpty, true);
  assert.ok(fs.readdirSync(dir).filter((f) => f.endsWith('.seg')).length <= 1, 'at most the open segment is left');
  spool.close();
  const reopened = Spool.open(dir, options);
  assert.equal(reopened.isEmpty, true);
  assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.seg')), []);
  reopened.append(message(50));
  assert.deepEqual(drain(reopened), [50]);
  reopened.close();
  fs.rmSync(dir, { recursive: true });
});

test('spool reopened after a commit replays exactly the uncommitted messages, and new ones after them', () => {
  const dir = tempDir('spool');
  const first = Spool.open(dir, options);
  for (let n = 0; n < 20; n++) first.append(message(n));
  const read = first.read(7);
  first.commit(read.end); // 0..6 delivered; no close(): like a process that died
  const second = Spool.open(dir, options);
  assert.equal(second.pendingBytes, first.pendingBytes);
  second.append(message(20));
  assert.deepEqual(drain(second), [...Array(14).keys()].map((i) => i + 7));
  second.close();
  fs.rmSync(dir, { recursive: true });
});

test('spool refuses an append beyond max bytes and accepts again once space is committed', () => {
  const dir = tempDir('spool');
  const size = Buffer.byteLength(JSON.stringify(message(1)) + '\n');
  const spool = Spool.open(dir, { maxBytes: size * 3, fsync: true });
  for (let n = 1; n <= 3; n++) assert.equal(spool.append(message(n)).status, 'ok');
  assert.equal(spool.append(message(4)).status, 'full');
  spool.commit(spool.read(1).end);
  assert.equal(spool.append(message(4)).status, 'ok');
  assert.deepEqual(drain(spool), [2, 3, 4]);
  spool.close();
  fs.rmSync(dir, { recursive: true });
});

test('spool skips and counts a torn last line and unreadable lines instead of failing', () => {
  const dir = tempDir('spool');
  const first = Spool.open(dir, options);
  first.append(message(0));
  first.close();
  const segment = fs.readdirSync(dir).find((f) => f.endsWith('.seg'))!;
  fs.appendFileSync(path.join(dir, segment), 'not json\n{"id":"half');
  const second = Spool.open(dir, options);
  second.append(message(1));
  let corrupt = 0;
  const seen: number[] = [];
  for (let read = second.read(10); read.messages.length + read.corrupt > 0; read = second.read(10)) {
    corrupt += read.corrupt;
    seen.push(...read.messages.map((m) => JSON.parse(m.json).n as number));
    second.commit(read.end);
  }
  assert.deepEqual(seen, [0, 1]);
  assert.equal(corrupt, 2);
  assert.equal(second.isEmpty, true);
  second.close();
  fs.rmSync(dir, { recursive: true });
});

function consume(spool: Spool, count: number): number[] {
  const read = spool.read(count);
  spool.commit(read.end);
  return read.messages.map((m) => JSON.parse(m.json).n as number);
}

test('spool prepend puts messages before everything pending, mid-segment, and the order survives a reopen', () => {
  const dir = tempDir('spool');
  const spool = Spool.open(dir, options);
  for (let n = 0; n < 30; n++) spool.append(message(n));
  assert.deepEqual(consume(spool, 7), [0, 1, 2, 3, 4, 5, 6]);
  assert.deepEqual(spool.prepend([100, 101, 102].map((n) => message(n))), { written: 3 });
  spool.append(message(30)); // appends after a prepend still land at the end
  spool.close();
  const reopened = Spool.open(dir, options);
  assert.deepEqual(drain(reopened), [100, 101, 102, ...Array.from({ length: 24 }, (_, i) => i + 7)]);
  reopened.close();
  fs.rmSync(dir, { recursive: true });
});

test('spool prepend twice (two reloads) keeps the latest leftovers first, and works on an empty spool', () => {
  const dir = tempDir('spool');
  const spool = Spool.open(dir, options);
  assert.deepEqual(spool.prepend([message(1), message(2)]), { written: 2 });
  spool.append(message(3));
  spool.close();
  const second = Spool.open(dir, options);
  assert.deepEqual(consume(second, 1), [1]);
  assert.deepEqual(second.prepend([message(0)]), { written: 1 });
  second.close();
  const third = Spool.open(dir, options);
  assert.deepEqual(drain(third), [0, 2, 3]);
  third.close();
  fs.rmSync(dir, { recursive: true });
});

test('spool prepend killed before its rename leaves the old state and no temp file behind', () => {
  const dir = tempDir('spool');
  const spool = Spool.open(dir, options);
  for (let n = 0; n < 10; n++) spool.append(message(n));
  assert.deepEqual(consume(spool, 4), [0, 1, 2, 3]);
  spool.close();
  // what a SIGKILL between writing the temp file and renaming it leaves: a complete or torn temp file
  const segment = fs.readdirSync(dir).filter((f) => f.endsWith('.seg')).sort()[0];
  fs.writeFileSync(path.join(dir, `${segment}.tmp`), JSON.stringify(message(99)) + '\n{"torn');
  const reopened = Spool.open(dir, options);
  assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
  assert.deepEqual(drain(reopened), [4, 5, 6, 7, 8, 9]);
  reopened.close();
  fs.rmSync(dir, { recursive: true });
});

test('spool prepend writes only what fits in max bytes and says how many', () => {
  const dir = tempDir('spool');
  const line = Buffer.byteLength(JSON.stringify(message(0)) + '\n');
  const spool = Spool.open(dir, { ...options, maxBytes: line * 3 + 2 });
  spool.append(message(5));
  assert.deepEqual(spool.prepend([1, 2, 3, 4].map((n) => message(n))), { written: 2 });
  assert.deepEqual(drain(spool), [1, 2, 5]);
  spool.close();
  fs.rmSync(dir, { recursive: true });
});
