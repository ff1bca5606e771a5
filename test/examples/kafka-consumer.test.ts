import 'reflect-metadata';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CoreConfig } from '../../src/core/config/core-config';
import { MemoryLogger } from '../../src/core/log/logger';
import { LineFraming } from '../../src/core/mozdef/line-framing';
import { Stats } from '../../src/core/stats/stats';
import { kafkaSinkDefinition } from '../../src/sinks/kafka/kafka-sink-definition';
import { KafkaSinkConfig } from '../../src/sinks/kafka/kafka-sink-config';
import { until } from '../fixtures/delivery/test-support';
import { KafkaMockCluster } from '../support/kafka-mock-cluster';
import { outboundMessages } from '../support/outbound-messages';

function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

test('examples/kafka/consumer.js prints every event the kafka sink produced, then leaves on SIGINT', async () => {
  const cluster = await KafkaMockCluster.start(3);
  try {
    const config = Object.assign(new KafkaSinkConfig(), { kafka_brokers: cluster.brokers, kafka_topic: 'example' });
    const sink = kafkaSinkDefinition.create(config, { core: new CoreConfig(), logger: new MemoryLogger(), stats: new Stats(), framing: new LineFraming('', '') });
    const sent = outboundMessages(12, 3);
    await sink.start();
    assert.equal((await sink.send(sent)).status, 'delivered');
    await sink.shutdown();

    const consumer = spawn(process.execPath, [path.join(repoRoot(), 'examples/kafka/consumer.js'),
      '--brokers', cluster.bootstrap, '--topic', 'example', '--group', 'example-test', '--from-beginning'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    consumer.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    const exited = new Promise<number | null>((resolve) => consumer.once('exit', resolve));
    try {
      await until(() => out.split('\n').filter(Boolean).length >= sent.length, 30_000, 'consumer output');
    } finally {
      consumer.kill('SIGINT');
    }
    assert.equal(await exited, 0);
    const lines = out.split('\n').filter(Boolean);
    assert.equal(lines.length, sent.length);
    for (const m of sent) {
      const event = JSON.parse(m.json) as { summary: string };
      assert.ok(lines.some((line) => line.includes(` ${m.hostname} ${m.category}: ${event.summary}`)), `${m.id} printed`);
    }
  } finally {
    await cluster.stop();
  }
});
