import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { Spool } from '../../../src/core/delivery/spool';
import { SpoolInUseError, SpoolLock } from '../../../src/core/delivery/spool-lock';
import { SpoolingDeliveryChain } from '../../../src/core/delivery/spooling-delivery-chain';
import { MemoryLogger } from '../../../src/core/log/logger';
import { Stats } from '../../../src/core/stats/stats';
import { ArraySink, deliveryConfig, message, tempDir, until } from '../../fixtures/delivery/test-support';

const HOLDER = path.resolve(__dirname, '../../fixtures/delivery/spool-holder.js');
const options = { maxBytes: 1 << 20, fsync: false };

/** Another process holding the spool in `dir`, for `holdMs` (0: until killed). */
async function holder(dir: string, holdMs: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [HOLDER, dir, String(holdMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await once(child.stdout!, 'data');
  return child;
}

test('a spool another live process holds is refused with its pid; once that process is killed, its claim is taken over', async () => {
  const dir = tempDir('spool-lock');
  const child = await holder(dir, 0);
  try {
    assert.equal(SpoolLock.holder(dir), child.pid);
    assert.throws(() => Spool.open(dir, options), (error: unknown) => error instanceof SpoolInUseError && error.pid === child.pid);
  } finally {
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
  // The killed process left its lock file: stale, so it is taken over.
  assert.equal(fs.existsSync(path.join(dir, 'lock')), true);
  assert.equal(SpoolLock.holder(dir), undefined);
  const spool = Spool.open(dir, options);
  assert.equal(SpoolLock.holder(dir), process.pid);
  spool.close();
  assert.equal(fs.existsSync(path.join(dir, 'lock')), false, 'closing gives the directory up');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a claim whose pid lives on in another process (reused pid, other start time) is stale; the same process may claim again', () => {
  const dir = tempDir('spool-lock');
  fs.writeFileSync(path.join(dir, 'lock'), '1 999999999999\n');
  assert.equal(SpoolLock.holder(dir), undefined);
  const first = Spool.open(dir, options);
  const again = Spool.open(dir, options);
  assert.equal(SpoolLock.holder(dir), process.pid);
  again.close();
  first.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a chain waits for a spool that a stopping instance still holds, then uses it; past its wait it runs in memory and says why', async (t) => {
  const root = tempDir('spool-lock');
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const sinkDir = path.join(root, 'array');
  fs.mkdirSync(sinkDir);
  const stopping = await holder(sinkDir, 700);
  // Listened for at once: it exits as soon as it lets the spool go, which may be before start() returns.
  const stopped = once(stopping, 'exit');
  const logger = new MemoryLogger();
  const waiting = new SpoolingDeliveryChain(new ArraySink(), deliveryConfig(root), logger, new Stats(), 10_000);
  await waiting.start();
  assert.match(logger.lines.join('\n'), new RegExp(`spool ${sinkDir} is in use by process ${stopping.pid}: waiting up to 10 s`));
  assert.equal(SpoolLock.holder(sinkDir), process.pid, 'the spool is ours once the other let it go');
  await waiting.shutdown(Date.now());
  await stopped;

  const held = await holder(sinkDir, 0);
  try {
    const sink = new ArraySink();
    const impatient = new SpoolingDeliveryChain(sink, deliveryConfig(root), logger, new Stats(), 300);
    await impatient.start();
    assert.match(logger.lines.join('\n'), new RegExp(`keeping messages in memory only: ${sinkDir} is in use by process ${held.pid}`));
    impatient.offer(message(1));
    await until(() => sink.received.length === 1, 5000, 'delivery from memory');
    await impatient.shutdown(Date.now() + 1000);
    assert.equal(SpoolLock.holder(sinkDir), held.pid, 'the other process keeps its spool');
  } finally {
    held.kill('SIGKILL');
    await once(held, 'exit');
  }
});
