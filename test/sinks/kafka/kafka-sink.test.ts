import 'reflect-metadata';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CoreConfig } from '../../../src/core/config/core-config';
import { MemoryLogger } from '../../../src/core/log/logger';
import { LineFraming } from '../../../src/core/mozdef/line-framing';
import { Stats } from '../../../src/core/stats/stats';
import { kafkaSinkDefinition } from '../../../src/sinks/kafka/kafka-sink-definition';
import { KafkaSinkConfig } from '../../../src/sinks/kafka/kafka-sink-config';
import type { OutboundMessage, SendResult, Sink } from '../../../src/sinks/sink';
import { KafkaMockCluster, type KafkaRecordRead } from '../../support/kafka-mock-cluster';
import { idOf, outboundMessages } from '../../support/outbound-messages';

function makeSink(brokers: string[], overrides: Partial<KafkaSinkConfig> = {}, logger = new MemoryLogger()): Sink {
  const config = Object.assign(new KafkaSinkConfig(), { kafka_brokers: brokers, kafka_request_timeout: 2 }, overrides);
  return kafkaSinkDefinition.create(config, { core: new CoreConfig(), logger, stats: new Stats(), framing: new LineFraming('', '') });
}

/** Hands the messages to the sink in batches of maxBatch, one at a time, as the delivery chain does. */
async function sendAll(sink: Sink, messages: readonly OutboundMessage[]): Promise<SendResult[]> {
  const results: SendResult[] = [];
  for (let i = 0; i < messages.length; i += sink.maxBatch) results.push(await sink.send(messages.slice(i, i + sink.maxBatch)));
  return results;
}

/** Asserts every message is there (`exactlyOnce`: and no more), on one partition per key, in order per key. */
function assertComplete(records: KafkaRecordRead[], sent: readonly OutboundMessage[], exactlyOnce: boolean): number {
  const firstSeen = new Map<string, KafkaRecordRead>();
  for (const record of records) if (!firstSeen.has(idOf(record.value))) firstSeen.set(idOf(record.value), record);
  assert.deepEqual([...firstSeen.keys()].sort(), sent.map((m) => m.id).sort(), 'every message arrived');
  if (exactlyOnce) assert.equal(records.length, sent.length, 'no duplicates');
  for (const host of new Set(sent.map((m) => m.hostname))) {
    const expected = sent.filter((m) => m.hostname === host).map((m) => m.id);
    const got = records.filter((r) => r.key === host);
    assert.equal(new Set(got.map((r) => r.partition)).size, 1, `${host} on one partition`);
    const order = [...new Set(got.map((r) => idOf(r.value)))];
    assert.deepEqual(order, expected, `${host} in order`);
  }
  return records.length - sent.length;
}

describe('kafka sink against librdkafka mock cluster', () => {
  let cluster: KafkaMockCluster;
  before(async () => { cluster = await KafkaMockCluster.start(3); });
  after(async () => { await cluster.stop(); });

  test('every message arrives exactly once, keyed by hostname, in order per key, with headers (gzip, acks all)', async () => {
    const sink = makeSink(cluster.brokers, { kafka_topic: 'happy', kafka_compression: 'gzip', kafka_batch_max_messages: 50 });
    const sent = outboundMessages(1000, 7);
    try {
      await sink.start();
      const results = await sendAll(sink, sent);
      assert.ok(results.every((r) => r.status === 'delivered'), JSON.stringify(results.find((r) => r.status !== 'delivered')));
    } finally {
      await sink.shutdown();
    }
    const records = await cluster.read('happy');
    assertComplete(records, sent, true);
    const byId = new Map(sent.map((m) => [m.id, m]));
    for (const record of records) {
      const message = byId.get(idOf(record.value))!;
      assert.equal(record.value, message.json);
      assert.equal(record.key, message.hostname);
      assert.deepEqual(record.headers, { category: message.category, hostname: message.hostname });
    }
  });

  test('kafka_key = category keys by category; kafka_key = none sends no key', async () => {
    const sent = outboundMessages(40, 3);
    for (const [mode, topic] of [['category', 'by-category'], ['none', 'no-key']] as const) {
      const sink = makeSink(cluster.brokers, { kafka_topic: topic, kafka_key: mode, kafka_batch_max_messages: 40 });
      await sink.start();
      assert.equal((await sink.send(sent)).status, 'delivered');
      await sink.shutdown();
      const records = await cluster.read(topic);
      assert.equal(records.length, sent.length);
      const byId = new Map(sent.map((m) => [m.id, m]));
      for (const record of records) assert.equal(record.key, mode === 'none' ? null : byId.get(idOf(record.value))!.category);
    }
  });

  test('a frozen cluster gives retryable request timeouts; once it answers again nothing is missing and per-key order holds', async (t) => {
    const sink = makeSink(cluster.brokers, { kafka_topic: 'frozen', kafka_batch_max_messages: 20, kafka_request_timeout: 1 });
    const sent = outboundMessages(200, 4);
    let failures = 0;
    try {
      await sink.start();
      for (let i = 0; i < sent.length; i += 20) {
        if (i === 100) cluster.pause();
        const batch = sent.slice(i, i + 20);
        let result = await sink.send(batch);
        while (result.status === 'retryable') { // what the chain does, minus the backoff
          failures++;
          assert.match(result.error?.message ?? '', /timed out/);
          if (failures === 2) cluster.resume();
          result = await sink.send(batch);
        }
        assert.equal(result.status, 'delivered');
      }
    } finally {
      cluster.resume();
      await sink.shutdown();
    }
    assert.ok(failures >= 2);
    // The frozen brokers still hold the requests we gave up on and write them when they wake: at-least-once.
    const duplicates = assertComplete(await cluster.read('frozen'), sent, false);
    t.diagnostic(`${failures} retryable attempts, ${duplicates} duplicate record(s) from requests written after their timeout`);
  });

  test('an idempotent producer never sends without a producer id: against the mock (controller id 0) every send is retryable', async () => {
    const logger = new MemoryLogger();
    const sink = makeSink(cluster.brokers, { kafka_topic: 'idempotent', kafka_idempotent: true }, logger);
    const sent = outboundMessages(5, 1);
    await sink.start();
    const result = await sink.send(sent);
    await sink.shutdown();
    assert.equal(result.status, 'retryable');
    assert.match(result.status === 'retryable' ? result.error?.message ?? '' : '', /Broker 0 not found/);
    assert.ok(logger.lines.some((line) => /^warn: kafka: cannot connect/.test(line)));
    const marker = makeSink(cluster.brokers, { kafka_topic: 'idempotent' });
    await marker.start();
    assert.equal((await marker.send(outboundMessages(1, 1, 'marker'))).status, 'delivered');
    await marker.shutdown();
    assert.deepEqual((await cluster.read('idempotent')).map((r) => idOf(r.value)), outboundMessages(1, 1, 'marker').map((m) => m.id));
  });

  // Also covers a kafkajs 2.2.4 trap: a broker whose TCP connect worked but whose ApiVersions timed out
  // stays half-connected and fails every later request with "Broker not connected" unless reset.
  test('a cluster that does not answer at start: start() resolves with a warning, and once it answers sends deliver again', async () => {
    const logger = new MemoryLogger();
    const sink = makeSink(cluster.brokers, { kafka_topic: 'late' }, logger);
    const sent = outboundMessages(10, 2);
    const results: SendResult[] = [];
    cluster.pause();
    try {
      await sink.start();
      results.push(await sink.send(sent));
    } finally {
      cluster.resume();
    }
    for (let attempt = 0; attempt < 5 && results.at(-1)!.status !== 'delivered'; attempt++) results.push(await sink.send(sent));
    await sink.shutdown();
    assert.equal(results[0].status, 'retryable');
    assert.equal(results.at(-1)!.status, 'delivered', JSON.stringify(results.map((r) => r.status === 'retryable' ? r.error?.message : r.status)));
    assert.ok(results.length <= 3, `${results.length} attempts`);
    assert.ok(logger.lines.some((line) => /^warn: kafka: cannot connect to .* yet/.test(line)), logger.lines.join('\n'));
    assertComplete(await cluster.read('late'), sent, true);
  });

  test('shutdown is safe twice and without start; a send after shutdown is retryable', async () => {
    const unused = makeSink(cluster.brokers);
    await unused.shutdown();
    await unused.shutdown();
    const sink = makeSink(cluster.brokers, { kafka_topic: 'after-shutdown' });
    await sink.start();
    await Promise.all([sink.shutdown(), sink.shutdown()]);
    assert.equal((await sink.send(outboundMessages(1))).status, 'retryable');
  });
});

describe('kafka sink with its cluster gone', () => {
  test('brokers down at start: start() resolves with one warning, sends are retryable, kafkajs lines stay at debug', async () => {
    const dead = await KafkaMockCluster.start(2);
    await dead.stop();
    const logger = new MemoryLogger();
    const sink = makeSink(dead.brokers, {}, logger);
    await sink.start();
    const results = [await sink.send(outboundMessages(3)), await sink.send(outboundMessages(3))];
    await sink.shutdown();
    for (const result of results) {
      assert.equal(result.status, 'retryable');
      assert.match(result.status === 'retryable' ? result.error?.message ?? '' : '', /ECONNREFUSED/);
    }
    assert.equal(logger.lines.filter((line) => !line.startsWith('debug: ')).length, 1, logger.lines.join('\n'));
    assert.ok(logger.lines.some((line) => /^debug: kafka: kafkajs (Connection|BrokerPool) ERROR: .*ECONNREFUSED/.test(line)));
  });

  test('kafka sink definition: configured only with brokers; enabled without brokers is a config error', () => {
    assert.equal(kafkaSinkDefinition.isConfigured(new KafkaSinkConfig()), false);
    assert.equal(kafkaSinkDefinition.isConfigured(Object.assign(new KafkaSinkConfig(), { kafka_brokers: ['k:9092'] })), true);
    assert.throws(() => makeSink([]), /kafka_brokers: required/);
    assert.equal(makeSink(['127.0.0.1:9'], { kafka_batch_max_messages: 77, kafka_linger_ms: 15 }).maxBatch, 77);
    assert.equal(makeSink(['127.0.0.1:9'], { kafka_linger_ms: 15 }).lingerMillis, 15);
  });
});
