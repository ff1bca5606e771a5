import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { SpoolingDeliveryChain } from '../../../src/core/delivery/spooling-delivery-chain';
import type { DeliveryConfig } from '../../../src/core/delivery/delivery-config';
import { MemoryLogger } from '../../../src/core/log/logger';
import { Stats } from '../../../src/core/stats/stats';
import { deliveryConfig, message, missing, tempDir, until } from '../../fixtures/delivery/test-support';
import { fluentdSink, freePort } from '../../fixtures/fluentd/fluentd-peer';
import { FluentPeerProcess, type ProcessEntry } from '../../fixtures/fluentd/fluent-peer-process';

/** Fault tests through the real delivery chain, against a FluentServer in a child process. */

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => { for (const cleanup of cleanups.splice(0).reverse()) await cleanup(); });

async function setup(port: number, overrides: Partial<DeliveryConfig> = {}) {
  const dir = tempDir('fluentd-faults');
  const stats = new Stats();
  const chain = new SpoolingDeliveryChain(fluentdSink({ fluentd_port: port, fluentd_timeout: 1 }), deliveryConfig(dir, overrides), new MemoryLogger(), stats);
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => chain.shutdown(Date.now() + 500));
  await chain.start();
  return { chain, count: (name: string) => stats.get('fluentd', name) };
}

async function peer(entries: ProcessEntry[], port = 0, ackDelayMs = 0): Promise<FluentPeerProcess> {
  const started = await FluentPeerProcess.start(entries, port, ackDelayMs);
  cleanups.push(() => started.stop());
  return started;
}

const ids = (entries: readonly ProcessEntry[]) => entries.map((entry) => String(entry.record.id));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('fluentd down at start: messages wait, retries fail, and all arrive once it is up', async () => {
  const port = await freePort();
  const { chain, count } = await setup(port);
  for (let n = 0; n < 50; n++) chain.offer(message(n));
  await until(() => count('retried') >= 3, 20_000, 'failed attempts');
  const entries: ProcessEntry[] = [];
  await peer(entries, port);
  await until(() => count('delivered') === 50, 20_000, 'delivery');
  assert.deepEqual(missing(50, ids(entries)), []);
  assert.equal(entries.length, 50, 'no duplicates: no ack was lost');
  assert.ok(entries.every((entry) => entry.tag === 'audit.mozdef'));
});

test('fluentd killed mid-stream and restarted: nothing missing, duplicates only from the batch whose ack was lost', async () => {
  const entries: ProcessEntry[] = [];
  const first = await peer(entries);
  const { chain, count } = await setup(first.port, { queue_max_messages: 50 });
  const total = 400;
  for (let n = 0; n < total; n++) {
    chain.offer(message(n));
    if (n % 10 === 9) await pause(2);
    if (n === 150) await first.kill();
    if (n === 250) await peer(entries, first.port);
  }
  await until(() => count('delivered') === total, 30_000, 'delivery');
  assert.deepEqual(missing(total, ids(entries)), []);
  assert.equal(new Set(ids(entries)).size, total);
  // One batch (at most maxBatch messages) is in flight when the peer dies: only it can come twice.
  assert.ok(entries.length - total <= 100, `duplicates: ${entries.length - total}`);
  assert.ok(count('retried') > 0);
});

test('fluentd slower than the input: the backlog spills to disk and all of it arrives in order, once', async () => {
  const entries: ProcessEntry[] = [];
  const slow = await peer(entries, 0, 20);
  const { chain, count } = await setup(slow.port, { queue_max_messages: 20 });
  const total = 600;
  for (let n = 0; n < total; n++) chain.offer(message(n));
  await until(() => count('delivered') === total, 30_000, 'delivery');
  assert.ok(count('spilled') > 0, `spilled ${count('spilled')}`);
  assert.deepEqual(ids(entries), Array.from({ length: total }, (_, n) => message(n).id));
});
