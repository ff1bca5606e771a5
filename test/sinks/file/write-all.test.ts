import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeAll, type VectorWriter } from '../../../src/sinks/file/write-all';

/** A file that takes at most `step` bytes per write, then (after `failAfter` bytes) no more. */
function stingyFile(step: number, failAfter = Infinity): VectorWriter & { written: Buffer[] } {
  const written: Buffer[] = [];
  let total = 0;
  return {
    written,
    async writev(buffers: NodeJS.ArrayBufferView[]) {
      const all = Buffer.concat(buffers.map((b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength)));
      const n = Math.min(step, all.length, Math.max(0, failAfter - total));
      written.push(all.subarray(0, n));
      total += n;
      return { bytesWritten: n, buffers };
    },
  } as VectorWriter & { written: Buffer[] };
}

test('writeAll goes on after a short write, piece boundaries or not, until every byte is out', async () => {
  const pieces = ['{"a":1}\n', '{"b":"é"}\n', '', '{"c":3}\n'].map((t) => Buffer.from(t));
  for (const step of [1, 3, 8, 9, 100]) {
    const file = stingyFile(step);
    await writeAll(file, pieces);
    assert.equal(Buffer.concat(file.written).toString(), '{"a":1}\n{"b":"é"}\n{"c":3}\n', `step ${step}`);
  }
});

test('a write that stops making progress (a full disk) is an error, not a batch cut short', async () => {
  const file = stingyFile(4, 10);
  await assert.rejects(writeAll(file, [Buffer.from('0123456789abcdef')]), /no progress \(6 bytes left\)/);
  assert.equal(Buffer.concat(file.written).toString(), '0123456789');
});
