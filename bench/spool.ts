import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DeliveryConfig } from '../src/core/delivery/delivery-config';
import { Spool } from '../src/core/delivery/spool';
import { SpoolingDeliveryChain } from '../src/core/delivery/spooling-delivery-chain';
import { MemoryLogger } from '../src/core/log/logger';
import { Stats } from '../src/core/stats/stats';
import type { OutboundMessage, SendResult, Sink } from '../src/sinks/sink';
import { benchMessage, peakRssMb } from './bench-message';

/**
 * Messages/s spilled to and replayed from the disk spool (batches of 1, as the MozDef sink, and of 100),
 * with and without fsync, and through a whole chain in write-ahead mode (queue_max_messages = 0).
 * Usage: node dist/bench/spool.js [MESSAGES=50000] [FSYNC_MESSAGES=2000]
 */
function rate(count: number, run: () => void): number {
  const started = process.hrtime.bigint();
  run();
  return Math.round(count / (Number(process.hrtime.bigint() - started) / 1e9));
}

function spillAndReplay(dir: string, messages: OutboundMessage[], fsync: boolean, batch: number): { spill: number; replay: number } {
  const spool = Spool.open(dir, { maxBytes: 4 * 2 ** 30, fsync });
  const spill = rate(messages.length, () => { for (const m of messages) if (spool.append(m).status !== 'ok') throw new Error('spool refused'); });
  spool.close();
  const reopened = Spool.open(dir, { maxBytes: 4 * 2 ** 30, fsync }); // replay as a new process would
  let replayed = 0;
  const replay = rate(messages.length, () => {
    for (let read = reopened.read(batch); read.messages.length > 0; read = reopened.read(batch)) {
      replayed += read.messages.length;
      reopened.commit(read.end);
    }
  });
  if (replayed !== messages.length) throw new Error(`replayed ${replayed} of ${messages.length}`);
  reopened.close();
  return { spill, replay };
}

class InstantSink implements Sink {
  readonly name = 'instant';
  readonly maxBatch = 1;
  async start(): Promise<void> {}
  async send(): Promise<SendResult> { return { status: 'delivered' }; }
  async shutdown(): Promise<void> {}
}

async function main(): Promise<void> {
  const [count = 50000, fsyncCount = 2000] = process.argv.slice(2).map(Number);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'audisp-json-bench-'));
  const messages = Array.from({ length: count }, (_, n) => benchMessage(n));
  const sub = (name: string) => path.join(root, name);
  const batch1 = spillAndReplay(sub('b1'), messages, false, 1);
  const batch100 = spillAndReplay(sub('b100'), messages, false, 100);
  const fsynced = spillAndReplay(sub('fsync'), messages.slice(0, fsyncCount), true, 1);

  const stats = new Stats();
  const chain = new SpoolingDeliveryChain(new InstantSink(), Object.assign(new DeliveryConfig(), { spool_dir: sub('chain'), queue_max_messages: 0 }), new MemoryLogger(), stats);
  await chain.start();
  const started = process.hrtime.bigint();
  for (const m of messages) chain.offer(m);
  while (stats.get('instant', 'delivered') < count) await new Promise((resolve) => setImmediate(resolve));
  const chainRate = Math.round(count / (Number(process.hrtime.bigint() - started) / 1e9));
  await chain.shutdown(Date.now() + 1000);
  fs.rmSync(root, { recursive: true, force: true });
  console.log(JSON.stringify({
    bench: 'spool', messages: count, bytes_per_message: Buffer.byteLength(JSON.stringify(messages[0])) + 1,
    spilled_per_s: batch1.spill, replayed_per_s_batch1: batch1.replay, replayed_per_s_batch100: batch100.replay,
    fsync_messages: fsyncCount, fsync_spilled_per_s: fsynced.spill, fsync_replayed_per_s_batch1: fsynced.replay,
    chain_write_ahead_per_s: chainRate, peak_rss_mb: peakRssMb(),
  }));
}

void main();
