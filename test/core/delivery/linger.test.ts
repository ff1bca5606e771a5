import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { SpoolingDeliveryChain } from '../../../src/core/delivery/spooling-delivery-chain';
import { MemoryLogger } from '../../../src/core/log/logger';
import { Stats } from '../../../src/core/stats/stats';
import type { OutboundMessage, SendResult } from '../../../src/sinks/sink';
import { ArraySink, deliveryConfig, message, tempDir, until } from '../../fixtures/delivery/test-support';

/** Records the size of every batch it is sent. */
class LingeringSink extends ArraySink {
  readonly batchSizes: number[] = [];
  constructor(readonly lingerMillis: number) {
    super('lingering', 10);
  }
  override async send(batch: readonly OutboundMessage[]): Promise<SendResult> {
    this.batchSizes.push(batch.length);
    return super.send(batch);
  }
}

test('a sink with lingerMillis gets one full batch instead of one per message as they trickle in', async () => {
  const dir = tempDir('linger');
  const sink = new LingeringSink(5000);
  const chain = new SpoolingDeliveryChain(sink, deliveryConfig(dir), new MemoryLogger(), new Stats());
  await chain.start();
  for (let n = 0; n < 10; n++) {
    chain.offer(message(n));
    await new Promise((r) => setTimeout(r, 5));
  }
  await until(() => sink.received.length === 10);
  assert.deepEqual(sink.batchSizes, [10]);
  await chain.shutdown(Date.now() + 1000);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('an undersized batch goes out once the linger time is over, and at once on shutdown', async () => {
  const dir = tempDir('linger');
  const sink = new LingeringSink(50);
  const chain = new SpoolingDeliveryChain(sink, deliveryConfig(dir), new MemoryLogger(), new Stats());
  await chain.start();
  for (let n = 0; n < 3; n++) chain.offer(message(n));
  await until(() => sink.received.length === 3);
  assert.deepEqual(sink.batchSizes, [3]);
  const slow = new LingeringSink(60_000);
  const second = new SpoolingDeliveryChain(slow, deliveryConfig(`${dir}-2`), new MemoryLogger(), new Stats());
  await second.start();
  second.offer(message(7));
  await second.shutdown(Date.now() + 1000);
  assert.deepEqual(slow.received.map((m) => m.id), [message(7).id]);
  await chain.shutdown(Date.now() + 1000);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(`${dir}-2`, { recursive: true, force: true });
});
