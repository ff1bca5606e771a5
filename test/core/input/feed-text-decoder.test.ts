import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FeedTextDecoder } from '../../../src/core/input/feed-text-decoder';
import { losslessUtf8 } from '../../../src/core/input/lossless-utf8';

function decodeInChunks(decoder: FeedTextDecoder, bytes: Buffer, cuts: number[]): string {
  let text = '';
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    text += decoder.write(bytes.subarray(start, cut));
    start = cut;
  }
  return text + decoder.end();
}

/** The text a byte string should give, worked out independently: a strict decoder tried on 1 to 4 bytes at each place. */
function reference(bytes: Buffer): string {
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let text = '';
  for (let at = 0; at < bytes.length;) {
    let character: string | undefined;
    let length = 1;
    for (; length <= 4 && at + length <= bytes.length && character === undefined; length++) {
      try {
        character = strict.decode(bytes.subarray(at, at + length));
      } catch {
        // not a whole character yet, or never one
      }
    }
    if (character === undefined) {
      text += `\\x${bytes[at].toString(16).padStart(2, '0')}`;
      at += 1;
    } else {
      text += character;
      at += length - 1;
    }
  }
  return text;
}

test('ASCII and multi-byte text cut at every byte reads as the whole text', () => {
  const bytes = Buffer.from('type=USER msg=audit(1.000:9): acct="é→✓😀" exe="/usr/bin/ls"\n');
  for (let cut = 0; cut <= bytes.length; cut++) {
    assert.equal(decodeInChunks(new FeedTextDecoder(), bytes, [cut]), bytes.toString('utf8'), `cut at ${cut}`);
  }
});

test('bytes that are not UTF-8 are kept as \\xNN wherever the chunks are cut, not replaced by U+FFFD', () => {
  // 'a', a lead byte without its continuation, 'bc', two bytes that start nothing, 'é', then a character the feed's end cuts short.
  const bytes = Buffer.from([0x61, 0xc3, 0x62, 0x63, 0xff, 0xfe, 0xc3, 0xa9, 0x0a, 0xe2, 0x82]);
  for (let cut = 0; cut <= bytes.length; cut++) {
    assert.equal(decodeInChunks(new FeedTextDecoder(), bytes, [cut]), 'a\\xc3bc\\xff\\xfeé\n\\xe2\\x82', `cut at ${cut}`);
  }
});

test('random bytes in random chunks decode as a strict decoder reads them, byte by byte where it refuses', () => {
  let seed = 7;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  for (let round = 0; round < 1000; round++) {
    const bytes = Buffer.alloc(1 + random(64));
    // Mostly ASCII with some bytes of multi-byte sequences, valid or not, as a damaged feed would have.
    for (let i = 0; i < bytes.length; i++) bytes[i] = random(4) === 0 ? 0x80 + random(0x80) : 0x20 + random(0x5f);
    const cuts = [...new Set([random(bytes.length), random(bytes.length), random(bytes.length)])].sort((a, b) => a - b);
    const expected = reference(bytes);
    assert.equal(decodeInChunks(new FeedTextDecoder(), bytes, cuts), expected, `bytes ${bytes.toString('hex')} cut at ${cuts}`);
    assert.equal(losslessUtf8(bytes), expected, `bytes ${bytes.toString('hex')} at once`);
  }
});

test('what the standard refuses is kept byte by byte: overlong forms, surrogates, past U+10FFFF, stray continuations', () => {
  const cases: [number[], string][] = [
    [[0xc0, 0x80], '\\xc0\\x80'],
    [[0xe0, 0x80, 0x80], '\\xe0\\x80\\x80'],
    [[0xed, 0xa0, 0x80], '\\xed\\xa0\\x80'],
    [[0xf4, 0x90, 0x80, 0x80], '\\xf4\\x90\\x80\\x80'],
    [[0x80, 0x41], '\\x80A'],
    [[0xf0, 0x9f, 0x98, 0x80], '😀'],
    [[0xef, 0xbb, 0xbf, 0x41], '\ufeffA'],
  ];
  for (const [bytes, text] of cases) assert.equal(losslessUtf8(Buffer.from(bytes)), text, Buffer.from(bytes).toString('hex'));
});
