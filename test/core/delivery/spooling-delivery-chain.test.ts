import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SpoolingDeliveryChain } from '../../../src/core/delivery/spooling-delivery-chain';
import { MemoryLogger } from '../../../src/core/log/logger';
import { Stats } from '../../../src/core/stats/stats';
import { ArraySink, deliveryConfig, message, missing, tempDir, until } from '../../fixtures/delivery/test-support';

const ns = (sink: ArraySink) => sink.received.map((m) => JSON.parse(m.json).n as number);

test('chain delivers every message in order and counts received and delivered', async () => {
  const dir = tempDir('chain');
  const sink = new ArraySink('a', 4);
  const stats = new Stats();
  const chain = new SpoolingDeliveryChain(sink, deliveryConfig(dir), new MemoryLogger(), stats);
  await chain.start();
  for (let n = 0; n < 100; n++) chain.offer(message(n));
  await until(() => sink.received.length === 100);
  assert.deepEqual(ns(sink), [...Array(100).keys()]);
  assert.equal(stats.get('a', 'received'), 100);
  assert.equal(stats.get('a', 'delivered'), 100);
  await chain.shutdown(Date.now() + 1000);
  fs.rmSync(dir, { recursive: true });
});

test('chain retries a sink that is down, logs down and back, and loses nothing', async () => {
  const dir = tempDir('chain');
  const sink = new ArraySink('a');
  let up = false;
  sink.outcome = () => (up ? { status: 'delivered' } : { status: 'retryable', error: new Error('connection refused') });
  const stats = new Stats();
  const logger = new MemoryLogger();
  const chain = new SpoolingDeliveryChain(sink, deliveryConfig(dir), logger, stats);
  await chain.start();
  for (let n = 0; n < 10; n++) chain.offer(message(n));
  await until(() => stats.get('a', 'retried') >= 3);
  up = true;
  await until(() => sink.received.length === 10);
  assert.deepEqual(ns(sink), [...Array(10).keys()]);
  assert.ok(logger.lines.some((l) => /^warn: sink a is down: connection refused/.test(l)), logger.lines.join('\n'));
  assert.ok(logger.lines.some((l) => /^info: sink a is back after/.test(l)));
  await chain.shutdown(Date.now() + 1000);
  fs.rmSync(dir, { recursive: true });
});

test('chain spills to disk past queue_max_messages and drains the spool in order (spilled = replayed)', async () => {
  const dir = tempDir('chain');
  const sink = new ArraySink('a', 3);
  let up = false;
  sink.outcome = () => (up ? { status: 'delivered' } : { status: 'retryable' });
  const stats = new Stats();
  const chain = new SpoolingDeliveryChain(sink, deliveryConfig(dir, { queue_max_messages: 5 }), new MemoryLogger(), stats);
  await chain.start();
  for (let n = 0; n < 200; n++) chain.offer(message(n));
  assert.equal(stats.get('a', 'spilled'), 195);
  up = true;
  await until(() => sink.received.length === 200);
  assert.deepEqual(ns(sink), [...Array(200).keys()]);
  assert.equal(stats.get('a', 'replayed'), 195);
  assert.deepEqual(chain.backlog, { messages: 0, spoolBytes: 0 });
  await chain.shutdown(Date.now() + 1000);
  fs.rmSync(dir, { recursive: true });
});

test('chain with memory and spool full drops the newest, counts spool_full and logs it once per interval', async () => {
  const dir = tempDir('chain');
  const sink = new ArraySink('a');
  let up = false;
  sink.outcome = () => (up ? { status: 'delivered' } : { status: 'retryable' });
  const stats = new Stats();
  const logger = new MemoryLogger();
  const lineBytes = Buffer.byteLength(JSON.stringify(message(10)) + '\n');
  const chain = new SpoolingDeliveryChain(sink, deliveryConfig(dir, { queue_max_messages: 2, spool_max_bytes: lineBytes * 3 }), logger, stats);
  await chain.start();
  for (let n = 10; n < 20; n++) chain.offer(message(n));
  assert.equal(stats.get('a', 'spilled'), 3);
  assert.equal(stats.get('a', 'dropped.spool_full'), 5);
  assert.equal(logger.lines.filter((l) => l.includes('dropped') && l.includes('spool full')).length, 1);
  up = true;
  await until(() => sink.received.length === 5);
  assert.deepEqual(ns(sink), [10, 11, 12, 13, 14]);
  assert.equal(stats.get('a', 'received'), stats.get('a', 'delivered') + stats.get('a', 'dropped.spool_full'));
  await chain.shutdown(Date.now() + 1000);
  fs.rmSync(dir, { recursive: true });
});

test('chain with when_full = block makes offer wait for room instead of dropping', async () => {
  const dir = tempDir('chain');
  const sink = new ArraySink('a');
  let up = false;
  sink.outcome = () => (up ? { status: 'delivered' } : { status: 'retryable' });
  const stats = new Stats();
  const chain = new SpoolingDeliveryChain(sink, deliveryConfig(dir, { queue_max_messages: 2, spool_max_bytes: 0, when_full: 'block' }), new MemoryLogger(), stats);
  await chain.start();
  assert.equal(chain.offer(message(0)), undefined);
  assert.equal(chain.offer(message(1)), undefined);
  const blocked = chain.offer(message(2));
  assert.ok(blocked instanceof Promise);
  let settled = false;
  void blocked.then(() => { settled = true; });
  const alsoBlocked = chain.offer(message(3)); // behind the first waiter, to keep the order
  assert.ok(alsoBlocked instanceof Promise);
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(settled, false);
  up = true;
  await Promise.all([blocked, alsoBlocked]);
  await until(() => sink.received.length === 4);
  assert.deepEqual(ns(sink), [0, 1, 2, 3]);
  assert.deepEqual(Object.keys(stats.snapshot().a).filter((k) => k.startsWith('dropped')), []);
  await chain.shutdown(Date.now() + 1000);
  fs.rmSync(dir, { recursive: true });
});

test('chain writes rejected messages to the dead-letter file and counts them', async () => {
  const dir = tempDir('chain');
  const sink = new ArraySink('a');
  sink.outcome = (batch) => (JSON.parse(batch[0].json).n === 1 ? { status: 'rejected', error: new Error('HTTP 400') } : { status: 'delivered' });
  const stats = new Stats();
  const chain = new SpoolingDeliveryChain(sink, deliveryConfig(dir), new MemoryLogger(), stats);
  await chain.start();
  for (let n = 0; n < 3; n++) chain.offer(message(n));
  await until(() => stats.get('a', 'delivered') + stats.get('a', 'rejected') === 3);
  const dead = fs.readFileSync(path.join(dir, 'a', 'dead-letter.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(dead.length, 1);
  assert.equal(dead[0].error, 'HTTP 400');
  assert.equal(dead[0].message.id, message(1).id);
  assert.equal(stats.get('a', 'rejected'), 1);
  await chain.shutdown(Date.now() + 1000);
  fs.rmSync(dir, { recursive: true });
});

test('a message the sink refuses does not take its batch-mates to the dead-letter file: a rejected batch is tried message by message', async (t) => {
  const dir = tempDir('chain');
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const sink = new ArraySink('a', 10);
  // As Kafka refuses a whole produce request for one record over its size limit.
  sink.outcome = (batch) => (batch.some((m) => JSON.parse(m.json).n === 4) ? { status: 'rejected', error: new Error('MESSAGE_TOO_LARGE') } : { status: 'delivered' });
  const stats = new Stats();
  const logger = new MemoryLogger();
  const chain = new SpoolingDeliveryChain(sink, deliveryConfig(dir), logger, stats);
  for (let n = 0; n < 10; n++) chain.offer(message(n));
  await chain.start();
  await until(() => stats.get('a', 'delivered') + stats.get('a', 'rejected') === 10);
  assert.deepEqual(ns(sink), [0, 1, 2, 3, 5, 6, 7, 8, 9]);
  const dead = fs.readFileSync(path.join(dir, 'a', 'dead-letter.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(dead.map((d) => [d.message.id, d.error]), [[message(4).id, 'MESSAGE_TOO_LARGE']]);
  assert.deepEqual([stats.get('a', 'delivered'), stats.get('a', 'rejected')], [9, 1]);
  await chain.shutdown(Date.now() + 1000);
});

test('a peer that refuses every message of a batch: all dead-lettered with one log line; a retryable answer midway retries the whole batch', async (t) => {
  const dir = tempDir('chain');
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const sink = new ArraySink('a', 5);
  sink.outcome = () => ({ status: 'rejected', error: new Error('HTTP 403') });
  const stats = new Stats();
  const logger = new MemoryLogger();
  const chain = new SpoolingDeliveryChain(sink, deliveryConfig(dir), logger, stats);
  for (let n = 0; n < 5; n++) chain.offer(message(n));
  await chain.start();
  await until(() => stats.get('a', 'rejected') === 5);
  assert.equal(fs.readFileSync(path.join(dir, 'a', 'dead-letter.ndjson'), 'utf8').trim().split('\n').length, 5);
  assert.deepEqual(logger.lines.filter((l) => /rejected/.test(l)), ['warn: sink a: rejected 5 message(s): HTTP 403']);
  assert.equal(stats.get('a', 'delivered'), 0);

  // Down while the messages go alone: the batch is tried again whole, nothing dead-lettered for it.
  let calls = 0;
  sink.outcome = (batch) => {
    calls++;
    if (batch.length > 1 && calls < 4) return { status: 'rejected', error: new Error('HTTP 413') };
    return calls === 3 ? { status: 'retryable', error: new Error('connection reset') } : { status: 'delivered' };
  };
  for (let n = 5; n < 10; n++) chain.offer(message(n));
  await until(() => stats.get('a', 'delivered') === 5);
  assert.equal(stats.get('a', 'rejected'), 5);
  assert.equal(stats.get('a', 'retried'), 5);
  // 5 went alone and were delivered once before the reset; the whole batch went again after it.
  assert.deepEqual(ns(sink), [5, 5, 6, 7, 8, 9]);
  await chain.shutdown(Date.now() + 1000);
});

test('chain shutdown spills what it could not deliver by the deadline; the next chain replays it first', async () => {
  const dir = tempDir('chain');
  const down = new ArraySink('a');
  down.outcome = () => ({ status: 'retryable' });
  const stats = new Stats();
  const first = new SpoolingDeliveryChain(down, deliveryConfig(dir, { queue_max_messages: 3 }), new MemoryLogger(), stats);
  await first.start();
  for (let n = 0; n < 6; n++) first.offer(message(n)); // 0..2 in memory, 3..5 spooled
  const deadline = Date.now() + 100;
  await Promise.all([first.shutdown(deadline), first.shutdown(deadline)]);
  await first.shutdown(deadline);
  assert.equal(down.shutdowns, 1);
  assert.equal(first.offer(message(99)), undefined);
  assert.equal(stats.get('a', 'dropped.after_shutdown'), 1);

  const upSink = new ArraySink('a');
  const second = new SpoolingDeliveryChain(upSink, deliveryConfig(dir), new MemoryLogger(), new Stats());
  await second.start();
  second.offer(message(6));
  await until(() => upSink.received.length === 7);
  assert.deepEqual(missing(7, upSink.received.map((m) => m.id)), []);
  assert.deepEqual(ns(upSink).slice(-1), [6], 'the previous run comes first');
  await second.shutdown(Date.now() + 1000);
  fs.rmSync(dir, { recursive: true });
});

test('chain without a usable spool directory still delivers from memory and says why', async () => {
  const dir = tempDir('chain');
  fs.writeFileSync(path.join(dir, 'a'), 'a file where the spool directory should be');
  const sink = new ArraySink('a');
  const logger = new MemoryLogger();
  const chain = new SpoolingDeliveryChain(sink, deliveryConfig(dir), logger, new Stats());
  await chain.start();
  chain.offer(message(0));
  await until(() => sink.received.length === 1);
  assert.ok(logger.lines.some((l) => l.startsWith('error: sink a: spool') && l.includes('memory only')));
  await chain.shutdown(Date.now() + 1000);
  fs.rmSync(dir, { recursive: true });
});

test('chain counts and logs rejected messages it cannot keep because the dead-letter file is full', async () => {
  const dir = tempDir('chain');
  const sink = new ArraySink('a');
  sink.outcome = () => ({ status: 'rejected', error: new Error('HTTP 404') });
  const stats = new Stats();
  const logger = new MemoryLogger();
  const chain = new SpoolingDeliveryChain(sink, deliveryConfig(dir, { dead_letter_max_bytes: 10 }), logger, stats);
  await chain.start();
  chain.offer(message(0));
  await until(() => stats.get('a', 'rejected') === 1);
  assert.equal(stats.get('a', 'dropped.dead_letter_full'), 1);
  assert.ok(logger.lines.some((l) => l.includes('dead-letter file full')));
  await chain.shutdown(Date.now() + 1000);
  fs.rmSync(dir, { recursive: true });
});

test('chain keeps messages offered before start (write-ahead) and delivers them once started', async () => {
  const dir = tempDir('chain');
  const sink = new ArraySink('a');
  const stats = new Stats();
  const chain = new SpoolingDeliveryChain(sink, deliveryConfig(dir, { queue_max_messages: 0 }), new MemoryLogger(), stats);
  for (let n = 0; n < 3; n++) chain.offer(message(n));
  assert.equal(stats.get('a', 'spilled'), 3);
  await chain.start();
  await until(() => sink.received.length === 3);
  assert.deepEqual(ns(sink), [0, 1, 2]);
  await chain.shutdown(Date.now() + 1000);
  fs.rmSync(dir, { recursive: true });
});
