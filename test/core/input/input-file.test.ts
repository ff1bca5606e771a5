import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InputFile, InputStopped } from '../../../src/core/input/input-file';
import { tempDir as makeTempDir } from '../../support/temp-dir';

function tempDir(t: { after: (fn: () => void) => void }): string {
  return makeTempDir(t, 'input-file-');
}

async function readAll(chunks: AsyncIterable<Uint8Array>, each?: (chunk: Uint8Array) => void): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) {
    each?.(chunk);
    parts.push(Buffer.from(chunk));
  }
  return Buffer.concat(parts);
}

test('a regular file comes whole, in chunks of at most the chunk size', async (t) => {
  const file = path.join(tempDir(t), 'audit.log');
  const content = Buffer.from(Array.from({ length: 500 }, (_, i) => `type=EOE msg=audit(1.000:${i}): \u00e9\n`).join(''));
  writeFileSync(file, content);
  const sizes: number[] = [];
  const read = await readAll(new InputFile(file, 1000).chunks(), (chunk) => sizes.push(chunk.length));
  assert.ok(read.equals(content));
  assert.ok(sizes.length > 10 && sizes.every((size) => size <= 1000), `chunk sizes ${sizes}`);
});

test('a regular file lets the event loop turn between chunks (timers, signals, worker answers)', async (t) => {
  const file = path.join(tempDir(t), 'audit.log');
  writeFileSync(file, 'x'.repeat(100_000));
  let chunks = 0;
  let chunksWhenImmediateRan: number | undefined;
  setImmediate(() => (chunksWhenImmediateRan = chunks));
  // The consumer itself never gives the event loop a turn.
  for await (const chunk of new InputFile(file, 1000).chunks()) chunks += chunk.length > 0 ? 1 : 0;
  assert.equal(chunks, 100);
  assert.ok(chunksWhenImmediateRan !== undefined && chunksWhenImmediateRan < 100, `the loop turned after chunk ${chunksWhenImmediateRan}`);
});

test('stop() ends a regular file part-way with InputStopped, and the file is closed', async (t) => {
  const file = path.join(tempDir(t), 'audit.log');
  writeFileSync(file, 'y'.repeat(10_000));
  const input = new InputFile(file, 1000);
  const openFiles = readdirSync('/proc/self/fd').length;
  let chunks = 0;
  await assert.rejects(
    readAll(input.chunks(), () => {
      if (++chunks === 3) input.stop();
    }),
    (error: unknown) => error instanceof InputStopped && /reading .*audit\.log stopped/.test(error.message),
  );
  assert.equal(chunks, 3);
  assert.equal(readdirSync('/proc/self/fd').length, openFiles);
});

test('stop() before the first read: nothing is read, a named pipe is not even opened', { timeout: 10_000 }, async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'audit.log');
  writeFileSync(file, 'z'.repeat(5000));
  const fifo = path.join(dir, 'feed.fifo');
  execFileSync('mkfifo', [fifo]);
  for (const name of [file, fifo]) {
    const input = new InputFile(name, 1000);
    input.stop();
    await assert.rejects(readAll(input.chunks()), InputStopped);
  }
});

test('a missing file fails with the error of its open', async () => {
  await assert.rejects(readAll(new InputFile('/nonexistent/audit.log', 1000).chunks()), /ENOENT: no such file or directory, open '\/nonexistent\/audit.log'/);
});

test('a named pipe is read by a stream: waiting for its writer does not hold up the event loop', { timeout: 10_000 }, async (t) => {
  const fifo = path.join(tempDir(t), 'feed.fifo');
  execFileSync('mkfifo', [fifo]);
  let ticks = 0;
  const ticker = setInterval(() => ticks++, 5);
  t.after(() => clearInterval(ticker));
  // The writer is another process: this one must never block on the pipe, whatever the reader does.
  const writer = spawn('sh', ['-c', 'sleep 0.1; printf "type=EOE msg=audit(1.000:1): \\n" > "$0"', fifo], { stdio: 'ignore' });
  t.after(() => writer.kill());
  const read = await readAll(new InputFile(fifo, 1000).chunks());
  assert.equal(read.toString(), 'type=EOE msg=audit(1.000:1): \n');
  assert.ok(ticks >= 5, `the timer ticked ${ticks} times while the pipe had no writer`);
});
