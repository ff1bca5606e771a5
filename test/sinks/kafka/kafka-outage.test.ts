import 'reflect-metadata';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { CoreConfig } from '../../../src/core/config/core-config';
import { SpoolingDeliveryChain } from '../../../src/core/delivery/spooling-delivery-chain';
import { MemoryLogger } from '../../../src/core/log/logger';
import { LineFraming } from '../../../src/core/mozdef/line-framing';
import { Stats } from '../../../src/core/stats/stats';
import { kafkaSinkDefinition } from '../../../src/sinks/kafka/kafka-sink-definition';
import { KafkaSinkConfig } from '../../../src/sinks/kafka/kafka-sink-config';
import type { OutboundMessage } from '../../../src/sinks/sink';
import { deliveryConfig, tempDir, until } from '../../fixtures/delivery/test-support';
import { KafkaMockCluster, type KafkaRecordRead } from '../../support/kafka-mock-cluster';
import { idOf, outboundMessages } from '../../support/outbound-messages';

/** The kafka sink behind the real delivery chain: small memory queue so that an outage spills to disk. */
function kafkaChain(brokers: string[], spoolDir: string, topic: string, stats: Stats, logger = new MemoryLogger()): SpoolingDeliveryChain {
  const config = Object.assign(new KafkaSinkConfig(), {
    kafka_brokers: brokers, kafka_topic: topic, kafka_compression: 'gzip', kafka_batch_max_messages: 25, kafka_request_timeout: 1,
  });
  const sink = kafkaSinkDefinition.create(config, { core: new CoreConfig(), logger, stats, framing: new LineFraming('', '') });
  return new SpoolingDeliveryChain(sink, deliveryConfig(spoolDir, { queue_max_messages: 40 }), logger, stats);
}

/** Ids per host in the order they first appear in the topic (Kafka order is per partition). */
function orderPerHost(records: readonly KafkaRecordRead[]): Map<string, string[]> {
  const seen = new Set<string>();
  const order = new Map<string, string[]>();
  for (const record of records) {
    const id = idOf(record.value);
    if (seen.has(id)) continue;
    seen.add(id);
    order.set(record.key!, [...(order.get(record.key!) ?? []), id]);
  }
  return order;
}

function expectedPerHost(messages: readonly OutboundMessage[]): Map<string, string[]> {
  const order = new Map<string, string[]>();
  for (const m of messages) order.set(m.hostname, [...(order.get(m.hostname) ?? []), m.id]);
  return order;
}

test('kafka through the chain: a cluster frozen mid-stream spills to disk, then everything arrives, in order per key', async (t) => {
  const cluster = await KafkaMockCluster.start(3);
  const dir = tempDir('kafka-frozen');
  const stats = new Stats();
  const chain = kafkaChain(cluster.brokers, dir, 'frozen-chain', stats);
  const sent = outboundMessages(600, 6);
  try {
    await chain.start();
    for (const m of sent.slice(0, 200)) chain.offer(m);
    await until(() => stats.get('kafka', 'delivered') === 200, 20_000, 'first 200 delivered');
    const spilledBefore = stats.get('kafka', 'spilled');
    cluster.pause();
    for (const m of sent.slice(200)) chain.offer(m);
    await until(() => stats.get('kafka', 'retried') > 0, 20_000, 'retries');
    assert.ok(stats.get('kafka', 'spilled') >= spilledBefore + 400 - 40, 'the outage spilled to disk past the memory queue');
    cluster.resume();
    await until(() => stats.get('kafka', 'delivered') === 600, 30_000, 'all delivered');
    await chain.shutdown(Date.now() + 5000);
    const records = await cluster.read('frozen-chain');
    assert.deepEqual(new Set(records.map((r) => idOf(r.value))), new Set(sent.map((m) => m.id)), 'nothing missing');
    assert.deepEqual(orderPerHost(records), expectedPerHost(sent), 'in order per key');
    assert.equal(stats.get('kafka', 'rejected'), 0);
    t.diagnostic(`spilled=${stats.get('kafka', 'spilled')} replayed=${stats.get('kafka', 'replayed')} retried=${stats.get('kafka', 'retried')} duplicates=${records.length - sent.length}`);
  } finally {
    await chain.shutdown(Date.now());
    await cluster.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * A stopped mock cluster cannot come back on its ports, and a new one is empty: so this is the
 * "cluster replaced" story. Chain 1 delivers to A, A stops, the rest goes to the spool; chain 1 shuts
 * down; the next run (config now naming B) replays the spool into B. A (read before it stopped)
 * plus B must hold every message exactly once.
 */
async function stoppedAndReplaced(): Promise<{ sent: OutboundMessage[]; inA: KafkaRecordRead[]; inB: KafkaRecordRead[]; stats: Stats }> {
  const sent = outboundMessages(600, 6);
  const stats = new Stats();
  // The cluster first: when it cannot start (no kcat), there is no directory to leave behind.
  const a = await KafkaMockCluster.start(3);
  const dir = tempDir('kafka-replaced');
  let b: KafkaMockCluster | undefined;
  try {
    const first = kafkaChain(a.brokers, dir, 'replaced', stats);
    await first.start();
    for (const m of sent.slice(0, 200)) first.offer(m);
    await until(() => stats.get('kafka', 'delivered') === 200, 20_000, 'first 200 delivered to A');
    const inA = await a.read('replaced');
    await a.stop();
    for (const m of sent.slice(200)) first.offer(m);
    await until(() => stats.get('kafka', 'retried') > 0 && stats.get('kafka', 'spilled') > 0, 20_000, 'retries and spill');
    await first.shutdown(Date.now() + 500);
    b = await KafkaMockCluster.start(3);
    const second = kafkaChain(b.brokers, dir, 'replaced', stats);
    await second.start();
    await until(() => stats.get('kafka', 'delivered') === 600, 30_000, 'the rest delivered to B');
    await second.shutdown(Date.now() + 5000);
    return { sent, inA, inB: await b.read('replaced'), stats };
  } finally {
    await a.stop();
    await b?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

let replaced: Promise<Awaited<ReturnType<typeof stoppedAndReplaced>>> | undefined;

test('kafka through the chain: cluster stopped mid-stream and replaced by a new one: nothing missing, nothing twice', async () => {
  replaced ??= stoppedAndReplaced();
  const { sent, inA, inB, stats } = await replaced;
  assert.equal(inA.length, 200);
  const all = [...inA, ...inB].map((r) => idOf(r.value));
  assert.deepEqual(all.slice().sort(), sent.map((m) => m.id).sort());
  assert.ok(stats.get('kafka', 'spilled') > 0);
  assert.equal(stats.get('kafka', 'rejected'), 0);
});

test('kafka through the chain: after the replacement, order per key holds across A then B',
  async () => {
    replaced ??= stoppedAndReplaced();
    const { sent, inA, inB } = await replaced;
    assert.deepEqual(orderPerHost([...inA, ...inB]), expectedPerHost(sent));
  });
