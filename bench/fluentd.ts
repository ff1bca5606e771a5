import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { MemoryLogger } from '../src/core/log/logger';
import { FluentdSink } from '../src/sinks/fluentd/fluentd-sink';
import { FluentdSinkConfig } from '../src/sinks/fluentd/fluentd-sink-config';
import { benchMessage, peakRssMb } from './bench-message';

/**
 * Messages/s through the Fluentd sink into a FluentServer (@fluent-org/logger) on 127.0.0.1, in a child
 * process so that the server does not share our event loop. A run ends when the server has emitted
 * every entry (with acks off, "delivered" only means written). One JSON line on stdout.
 * Usage: node dist/bench/fluentd.js [MESSAGES=20000]
 */
const SERVER = `
const { FluentServer } = require(process.env.FLUENT_MODULE);
const expect = Number(process.env.EXPECT);
let count = 0;
const server = new FluentServer({ listenOptions: { host: '127.0.0.1', port: 0 } });
server.on('entry', () => { if (++count === expect) process.stdout.write('done\\n'); });
server.listen().then(() => process.stdout.write(server.port + '\\n'));
process.stdin.on('end', () => process.exit(0)); process.stdin.resume();`;

interface Run { readonly requireAck: boolean; readonly batch: number }

async function measure(run: Run, messages: number): Promise<number> {
  const server = spawn(process.execPath, ['-e', SERVER], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, FLUENT_MODULE: require.resolve('@fluent-org/logger'), EXPECT: String(messages) },
  });
  const lines = readline.createInterface({ input: server.stdout! })[Symbol.asyncIterator]();
  const port = Number((await lines.next()).value);
  const done = lines.next();
  const config = Object.assign(new FluentdSinkConfig(), { fluentd_host: '127.0.0.1', fluentd_port: port, fluentd_require_ack: run.requireAck });
  const sink = new FluentdSink(config, new MemoryLogger());
  const all = Array.from({ length: messages }, (_, n) => benchMessage(n));
  const started = process.hrtime.bigint();
  for (let n = 0; n < messages; n += run.batch) {
    const result = await sink.send(all.slice(n, n + run.batch));
    if (result.status !== 'delivered') throw new Error(`send failed: ${JSON.stringify(result)}`);
  }
  await done;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await sink.shutdown();
  server.stdin!.end();
  return Math.round(messages / seconds);
}

async function main(): Promise<void> {
  const messages = Number(process.argv[2] ?? 20000);
  const runs: Record<string, Run> = {
    ack_batch_100: { requireAck: true, batch: 100 },
    ack_batch_1: { requireAck: true, batch: 1 },
    no_ack_batch_100: { requireAck: false, batch: 100 },
    no_ack_batch_1: { requireAck: false, batch: 1 },
  };
  const messagesPerS: Record<string, number> = {};
  for (const [name, run] of Object.entries(runs)) {
    // Batches of 1 with acks cost a round trip each: fewer messages keep the run short.
    messagesPerS[name] = await measure(run, run.batch === 1 && run.requireAck ? Math.min(messages, 2000) : messages);
  }
  console.log(JSON.stringify({ bench: 'fluentd', messages, messages_per_s: messagesPerS, peak_rss_mb: peakRssMb() }));
}

void main();
