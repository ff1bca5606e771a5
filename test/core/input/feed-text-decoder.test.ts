import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StringDecoder } from 'node:string_decoder';
import { FeedTextDecoder } from '../../../src/core/input/feed-text-decoder';

function decodeInChunks(decoder: { write(chunk: Buffer): string; end(): string }, bytes: Buffer, cuts: number[]): string {
  let text = '';
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    text += decoder.write(bytes.subarray(start, cut));
    start = cut;
  }
  return text + decoder.end();
}

test('ASCII and multi-byte text cut at every byte reads as the whole text', () => {
  const bytes = Buffer.from('type=USER msg=audit(1.000:9): acct="é→✓😀" exe="/usr/bin/ls"\n');
  for (let cut = 0; cut <= bytes.length; cut++) {
    assert.equal(decodeInChunks(new FeedTextDecoder(), bytes, [cut]), bytes.toString('utf8'), `cut at ${cut}`);
  }
});

test('an ASCII chunk after a character cut short keeps the replacement where StringDecoder puts it', () => {
  const bytes = Buffer.from([0x61, 0xc3, 0x62, 0x63, 0x0a]); // 'a', a lone lead byte, then 'bc\n'
  assert.equal(decodeInChunks(new FeedTextDecoder(), bytes, [2]), 'a\ufffdbc\n');
});

test('random bytes in random chunks decode as StringDecoder decodes them', () => {
  let seed = 7;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  for (let round = 0; round < 500; round++) {
    const bytes = Buffer.alloc(1 + random(64));
    // Mostly ASCII with some bytes of multi-byte sequences, valid or not, as a damaged feed would have.
    for (let i = 0; i < bytes.length; i++) bytes[i] = random(4) === 0 ? 0x80 + random(0x80) : 0x20 + random(0x5f);
    const cuts = [...new Set([random(bytes.length), random(bytes.length), random(bytes.length)])].sort((a, b) => a - b);
    assert.equal(decodeInChunks(new FeedTextDecoder(), bytes, cuts), decodeInChunks(new StringDecoder('utf8'), bytes, cuts), `bytes ${bytes.toString('hex')} cut at ${cuts}`);
  }
});
