import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { SpoolingDeliveryChain } from '../../../src/core/delivery/spooling-delivery-chain';
import type { DeliveryConfig } from '../../../src/core/delivery/delivery-config';
import { MemoryLogger } from '../../../src/core/log/logger';
import { Stats } from '../../../src/core/stats/stats';
import { ArraySink, deliveryConfig, message, missing, tempDir, until } from '../../fixtures/delivery/test-support';
import { MozDefPeer } from '../../fixtures/mozdef/mozdef-peer';
import { mozdefSink } from './test-sink';

/**
 * The issue asks for a 30 s outage. Nothing in the chain depends on how long a peer is down: what
 * matters is that retries keep failing for many backoff rounds (retry_max_delay is 0.2 s here) and the
 * backlog spills. A 1.5 s outage gives dozens of failed rounds and keeps the suite short; set
 * AUDISP_JSON_OUTAGE_MS=30000 to run the figure.
 */
const OUTAGE_MS = Number(process.env.AUDISP_JSON_OUTAGE_MS ?? 1500);

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => { for (const cleanup of cleanups.splice(0).reverse()) await cleanup(); });

async function setup(url: string, overrides: Partial<DeliveryConfig> = {}) {
  const dir = tempDir('mozdef-faults');
  const stats = new Stats();
  const logger = new MemoryLogger();
  const chain = new SpoolingDeliveryChain(mozdefSink({ mozdef_url: url }), deliveryConfig(dir, overrides), logger, stats);
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => chain.shutdown(Date.now() + 500));
  await chain.start();
  const count = (name: string) => stats.get('mozdef', name);
  return { chain, stats, logger, count };
}

async function peer(port?: number): Promise<MozDefPeer> {
  const started = await MozDefPeer.start({ port });
  cleanups.push(() => started.close());
  return started;
}

/** A port that was free a moment ago: the "server down" address. */
async function closedPort(): Promise<number> {
  const probe = await MozDefPeer.start();
  await probe.close();
  return probe.port;
}

function assertAllDelivered(count: number, server: MozDefPeer, counter: (name: string) => number): void {
  assert.deepEqual(missing(count, server.ids), []);
  assert.equal(counter('received'), count);
  assert.equal(counter('delivered'), count);
  assert.equal(new Set(server.ids).size, count);
}

test('mozdef down at start: messages wait and are all delivered once it comes up', async () => {
  const port = await closedPort();
  const { chain, logger, count } = await setup(`http://127.0.0.1:${port}/events`);
  for (let n = 0; n < 50; n++) chain.offer(message(n));
  await until(() => count('retried') >= 3, 20_000, 'failed attempts');
  assert.ok(logger.lines.some((l) => /^warn: sink mozdef is down: POST http:\/\/127\.0\.0\.1:\d+\/events: ECONNREFUSED/.test(l)), logger.lines.join('\n'));
  const server = await peer(port);
  await until(() => server.ids.length >= 50 && count('delivered') >= 50, 20_000, 'delivery');
  assertAllDelivered(50, server, count);
  assert.ok(logger.lines.some((l) => l.startsWith('info: sink mozdef is back after')));
});

test('mozdef down mid-stream for a while: the backlog spills to disk and all of it arrives after', async () => {
  const first = await MozDefPeer.start();
  const { chain, count } = await setup(first.url, { queue_max_messages: 20 });
  for (let n = 0; n < 50; n++) chain.offer(message(n));
  await until(() => first.ids.length === 50 && count('delivered') === 50, 20_000, 'first half');
  await first.close();
  const outageEnds = Date.now() + OUTAGE_MS;
  for (let n = 50; n < 150; n++) {
    chain.offer(message(n));
    if (n % 10 === 0) await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS / 20));
  }
  await until(() => Date.now() >= outageEnds, OUTAGE_MS + 5000);
  assert.ok(count('spilled') >= 80, `spilled ${count('spilled')}`);
  const second = await peer(first.port);
  await until(() => second.ids.length >= 100 && count('delivered') >= 150, 20_000, 'second half');
  const all = [...first.ids, ...second.ids];
  assert.deepEqual(missing(150, all), []);
  assert.equal(count('delivered'), 150);
  assert.equal(count('replayed'), count('spilled'));
});

test('mozdef answering 500 to every third request: every message delivered, each 500 counted as a retry', async () => {
  const server = await peer();
  server.behave = (n) => (n % 3 === 0 ? { kind: 'status', code: 500 } : { kind: 'accept' });
  const { chain, count } = await setup(server.url);
  for (let n = 0; n < 60; n++) chain.offer(message(n));
  await until(() => server.ids.length >= 60 && count('delivered') >= 60, 20_000, 'delivery');
  assertAllDelivered(60, server, count);
  assert.equal(count('retried'), server.requests - 60);
});

test('mozdef answering 429 with Retry-After: the chain waits that long, then delivers everything', async () => {
  const server = await peer();
  server.behave = (n) => (n < 2 ? { kind: 'status', code: 429, retryAfter: '1' } : { kind: 'accept' });
  const { chain, count } = await setup(server.url, { retry_max_delay: 5 });
  for (let n = 0; n < 5; n++) chain.offer(message(n));
  await until(() => server.ids.length >= 5 && count('delivered') >= 5, 20_000, 'delivery');
  assertAllDelivered(5, server, count);
  assert.equal(count('retried'), 2);
  // A lower bound only: timers never fire early, so this cannot flake on a slow machine.
  assert.ok(server.times[1] - server.times[0] >= 990 && server.times[2] - server.times[1] >= 990, server.times.join(' '));
});

test('mozdef resetting every other connection: every message delivered exactly once', async () => {
  const server = await peer();
  server.behave = (n) => (n % 2 === 0 ? { kind: 'reset' } : { kind: 'accept' });
  const { chain, count } = await setup(server.url);
  for (let n = 0; n < 40; n++) chain.offer(message(n));
  await until(() => server.ids.length >= 40 && count('delivered') >= 40, 20_000, 'delivery');
  assertAllDelivered(40, server, count);
  assert.equal(count('retried'), 40);
});

test('mozdef slower than the input: messages spill to disk, then drain in order', async () => {
  const server = await peer();
  server.behave = () => ({ kind: 'accept', delayMs: 5 });
  const { chain, count } = await setup(server.url, { queue_max_messages: 10 });
  for (let n = 0; n < 300; n++) chain.offer(message(n));
  assert.equal(count('spilled'), 290);
  await until(() => server.ids.length >= 300 && count('delivered') >= 300, 30_000, 'drain');
  assertAllDelivered(300, server, count);
  assert.deepEqual(server.ids, [...Array(300).keys()].map((n) => message(n).id));
  assert.equal(count('replayed'), 290);
});

test('mozdef down with memory and spool full: the newest are dropped, counted and logged; the rest arrive', async () => {
  const port = await closedPort();
  const lineBytes = Buffer.byteLength(JSON.stringify(message(10)) + '\n');
  const { chain, logger, count } = await setup(`http://127.0.0.1:${port}/events`, { queue_max_messages: 5, spool_max_bytes: lineBytes * 10 });
  for (let n = 10; n < 40; n++) chain.offer(message(n));
  assert.equal(count('dropped.spool_full'), 15);
  assert.ok(logger.lines.some((l) => /^warn: sink mozdef: dropped 1 message\(s\): spool full/.test(l)));
  const server = await peer(port);
  await until(() => server.ids.length >= 15 && count('delivered') >= 15, 20_000, 'delivery');
  assert.deepEqual(server.ids, [...Array(15).keys()].map((n) => message(n + 10).id));
  assert.equal(count('received'), count('delivered') + count('dropped.spool_full'));
});

test('a second chain keeps receiving everything while mozdef is down', async () => {
  const port = await closedPort();
  const { chain: mozdef, count } = await setup(`http://127.0.0.1:${port}/events`, { queue_max_messages: 10 });
  const dir = tempDir('second-chain');
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const other = new ArraySink('file');
  const second = new SpoolingDeliveryChain(other, deliveryConfig(dir), new MemoryLogger(), new Stats());
  cleanups.push(() => second.shutdown(Date.now() + 500));
  await second.start();
  for (let n = 0; n < 200; n++) {
    mozdef.offer(message(n));
    second.offer(message(n));
  }
  await until(() => other.received.length === 200, 20_000, 'second sink');
  assert.deepEqual(missing(200, other.received.map((m) => m.id)), []);
  assert.equal(count('delivered'), 0);
  const server = await peer(port);
  await until(() => server.ids.length >= 200 && count('delivered') >= 200, 20_000, 'mozdef backlog');
  assertAllDelivered(200, server, count);
});

test('shutdown while mozdef hangs on a request: the deadline wins, the message stays spooled and the next chain delivers it', async () => {
  const server = await peer();
  server.behave = (n) => (n === 0 ? { kind: 'accept', delayMs: 3000 } : { kind: 'accept' });
  const dir = tempDir('mozdef-faults');
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const stats = new Stats();
  const first = new SpoolingDeliveryChain(mozdefSink({ mozdef_url: server.url }), deliveryConfig(dir), new MemoryLogger(), stats);
  await first.start();
  first.offer(message(0));
  await until(() => server.requests === 1, 20_000, 'the hanging request');
  await first.shutdown(Date.now() + 100);
  assert.equal(stats.get('mozdef', 'delivered'), 0);
  const again = new Stats();
  const second = new SpoolingDeliveryChain(mozdefSink({ mozdef_url: server.url }), deliveryConfig(dir), new MemoryLogger(), again);
  cleanups.push(() => second.shutdown(Date.now() + 500));
  await second.start();
  await until(() => again.get('mozdef', 'delivered') === 1, 20_000, 'replay');
  assert.ok(server.ids.includes(message(0).id));
  assert.equal(again.get('mozdef', 'replayed'), 1);
});
