import 'reflect-metadata';
import { execFileSync, fork } from 'node:child_process';
import { CoreConfig } from '../src/core/config/core-config';
import { MemoryLogger } from '../src/core/log/logger';
import { LineFraming } from '../src/core/mozdef/line-framing';
import { Stats } from '../src/core/stats/stats';
import { kafkaSinkDefinition } from '../src/sinks/kafka/kafka-sink-definition';
import { KafkaSinkConfig } from '../src/sinks/kafka/kafka-sink-config';
import { KafkaMockCluster } from '../test/support/kafka-mock-cluster';
import { outboundMessages } from '../test/support/outbound-messages';

/**
 * Kafka sink throughput and peak RSS, producing to librdkafka's mock cluster (3 brokers, acks all),
 * batches handed one at a time as the delivery chain does. Each compression runs in its own child
 * process so that its peak RSS is its own. Prints one JSON line.
 *   npm run build && node dist/bench/kafka.js [MESSAGES] [BATCH]
 */
const POOL = 10_000;

interface Run { compression: string; messages: number; bytes: number; seconds: number; messagesPerSecond: number; rssBeforeMiB: number; peakRssMiB: number }

async function child(bootstrap: string, compression: string, count: number, batch: number): Promise<Run> {
  const config = Object.assign(new KafkaSinkConfig(), {
    kafka_brokers: bootstrap.split(','), kafka_topic: `bench-${compression}`, kafka_compression: compression, kafka_batch_max_messages: batch,
  });
  const sink = kafkaSinkDefinition.create(config, { core: new CoreConfig(), logger: new MemoryLogger(), stats: new Stats(), framing: new LineFraming('', '') });
  // A pool of batches reused round-robin: RSS then measures the sink, not a pre-built array of `count` messages.
  const pool = outboundMessages(POOL, 50);
  await sink.start();
  await sink.send(pool.slice(0, batch)); // metadata and connections before the clock starts
  const rssBeforeMiB = round(process.memoryUsage.rss() / 1048576);
  let bytes = 0;
  const start = process.hrtime.bigint();
  for (let sent = 0; sent < count; sent += batch) {
    const offset = sent % POOL;
    const messages = pool.slice(offset, offset + Math.min(batch, count - sent));
    for (const m of messages) bytes += Buffer.byteLength(m.json);
    const result = await sink.send(messages);
    if (result.status !== 'delivered') throw new Error(`send failed: ${JSON.stringify(result)}`);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await sink.shutdown();
  return {
    compression, messages: count, bytes, seconds: round(seconds), messagesPerSecond: Math.round(count / seconds),
    rssBeforeMiB, peakRssMiB: round(process.resourceUsage().maxRSS / 1024),
  };
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 50_000);
  const batch = Number(process.argv[3] ?? 100);
  const cluster = await KafkaMockCluster.start(3);
  try {
    const runs: Run[] = [];
    for (const compression of ['none', 'gzip']) {
      runs.push(await new Promise<Run>((resolve, reject) => {
        const worker = fork(__filename, ['--child', cluster.bootstrap, compression, String(count), String(batch)]);
        worker.once('message', (run) => resolve(run as Run));
        worker.once('exit', (code) => { if (code !== 0) reject(new Error(`bench child exited ${code}`)); });
      }));
    }
    const kcat = execFileSync('kcat', ['-V']).toString().match(/librdkafka [\d.]+/)?.[0];
    console.log(JSON.stringify({ bench: 'kafka', peer: `mock cluster, 3 brokers (${kcat})`, acks: 'all', batch, node: process.version, runs }));
  } finally {
    await cluster.stop();
  }
}

function round(n: number): number { return Math.round(n * 100) / 100; }

if (process.argv[2] === '--child') {
  const [, , , bootstrap, compression, count, batch] = process.argv;
  child(bootstrap, compression, Number(count), Number(batch))
    .then((run) => process.send!(run, () => process.exit(0)))
    .catch((error: unknown) => { console.error(error); process.exit(1); });
} else {
  main().catch((error: unknown) => { console.error(error); process.exitCode = 1; });
}
