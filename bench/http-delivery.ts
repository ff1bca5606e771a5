import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SpoolingDeliveryChain } from '../src/core/delivery/spooling-delivery-chain';
import { DeliveryConfig } from '../src/core/delivery/delivery-config';
import { MemoryLogger } from '../src/core/log/logger';
import { Stats } from '../src/core/stats/stats';
import { MozDefSink } from '../src/sinks/mozdef/mozdef-sink';
import { MozDefSinkConfig } from '../src/sinks/mozdef/mozdef-sink-config';
import { benchMessage, peakRssMb } from './bench-message';

/**
 * Messages/s and peak RSS delivering through a delivery chain and the MozDef sink to a keep-alive HTTP
 * server on 127.0.0.1 (run in a child process so its memory is not counted).
 * Usage: node dist/bench/http-delivery.js [MESSAGES=20000] [BATCH=1] [QUEUE_MAX=0, the default: write-ahead spool]
 */
const SERVER = `
const http = require('node:http');
const server = http.createServer((req, res) => { req.resume(); req.on('end', () => res.writeHead(200).end()); });
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
process.stdin.on('end', () => process.exit(0)); process.stdin.resume();`;

async function main(): Promise<void> {
  const [messages = 20000, batch = 1, queueMax = 0] = process.argv.slice(2).map(Number);
  const server = spawn(process.execPath, ['-e', SERVER], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => server.stdout!.once('data', (data: Buffer) => resolve(Number(data.toString().trim()))));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audisp-json-bench-'));
  const stats = new Stats();
  const config = Object.assign(new DeliveryConfig(), { spool_dir: dir, queue_max_messages: queueMax });
  const sink = new MozDefSink(Object.assign(new MozDefSinkConfig(), { mozdef_url: `http://127.0.0.1:${port}/events`, mozdef_batch_size: batch }), new MemoryLogger());
  const chain = new SpoolingDeliveryChain(sink, config, new MemoryLogger(), stats);
  await chain.start();
  const started = process.hrtime.bigint();
  for (let n = 0; n < messages; n++) chain.offer(benchMessage(n));
  while (stats.get('mozdef', 'delivered') < messages) await new Promise((resolve) => setTimeout(resolve, 5));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await chain.shutdown(Date.now() + 1000);
  server.stdin!.end();
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(JSON.stringify({
    bench: 'http-delivery', messages, batch, queue_max_messages: queueMax, spilled: stats.get('mozdef', 'spilled'),
    seconds: Number(seconds.toFixed(3)), messages_per_s: Math.round(messages / seconds), peak_rss_mb: peakRssMb(),
  }));
}

void main();
