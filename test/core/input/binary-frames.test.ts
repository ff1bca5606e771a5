import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  BinaryFrameDecoder,
  binaryFeedLines,
  detectFeedFormat,
  sniffFeedFormat,
  HEADER_SIZE,
  type Endianness,
} from '../../../src/core/input/binary-frames';
import { Stats } from '../../../src/core/stats/stats';
import { repoRoot } from '../../support/paths';

const fixtures = path.join(repoRoot(), 'test/fixtures/binary-feed');
const padded = gunzipSync(readFileSync(path.join(fixtures, 'auditd-3.0.9-padded.bin.gz')));
const expected = readFileSync(path.join(fixtures, 'auditd-3.0.9-padded.expected.log'), 'utf8').trimEnd().split('\n');

function frame(text: string, type = 1300, version = 1, order: Endianness = 'LE'): Buffer {
  const data = Buffer.from(text, 'utf8');
  const header = Buffer.alloc(HEADER_SIZE);
  const put = (v: number, o: number): number => (order === 'LE' ? header.writeUInt32LE(v, o) : header.writeUInt32BE(v, o));
  put(version, 0);
  put(HEADER_SIZE, 4);
  put(type, 8);
  put(data.length, 12);
  return Buffer.concat([header, data]);
}

function decodeInChunks(bytes: Buffer, size: number, decoder = new BinaryFrameDecoder({ endianness: 'LE' })): string[] {
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i += size) {
    for (const f of decoder.push(bytes.subarray(i, i + size))) out.push(f.text);
  }
  for (const f of decoder.end()) out.push(f.text);
  return out;
}

test('decodes the real auditd 3.0.9 padded binary feed into the string-feed lines', () => {
  const stats = new Stats();
  const lines = decodeInChunks(padded, padded.length, new BinaryFrameDecoder({ endianness: 'LE', stats }));
  assert.deepEqual(lines, expected);
  assert.equal(lines[0].startsWith('type=DAEMON_START msg=audit('), true);
  assert.equal(stats.get('input', 'binary.frames'), 21);
  assert.equal(stats.get('input', 'binary.garbage_bytes'), 0);
  assert.equal(stats.get('input', 'binary.truncated_bytes'), 0);
});

test('frames split across chunks at any place give the same lines', () => {
  for (const size of [1, 7, 16, 17, 4096, 8986, 65536]) {
    assert.deepEqual(decodeInChunks(padded, size), expected, `chunk size ${size}`);
  }
});

test('decodes compact frames (newer auditd writes only size bytes)', () => {
  const compact = Buffer.concat(expected.map((l) => frame(l)));
  for (const size of [1, 5, 300, compact.length]) assert.deepEqual(decodeInChunks(compact, size), expected);
});

test('garbage before and between frames is skipped and counted, frames after it still arrive', () => {
  const stats = new Stats();
  const junk = Buffer.from('not a frame at all\n');
  const bytes = Buffer.concat([junk, frame('type=EOE msg=audit(1.000:1):'), junk, frame('type=EOE msg=audit(1.000:2):')]);
  const lines = decodeInChunks(bytes, 3, new BinaryFrameDecoder({ endianness: 'LE', stats }));
  assert.deepEqual(lines, ['type=EOE msg=audit(1.000:1):', 'type=EOE msg=audit(1.000:2):']);
  assert.equal(stats.get('input', 'binary.garbage_bytes'), junk.length * 2);
  assert.equal(stats.get('input', 'binary.resyncs'), 2);
});

test('an oversized or impossible header is garbage, not a reason to wait or crash', () => {
  const stats = new Stats();
  const bad = frame('x');
  bad.writeUInt32LE(1 << 30, 12);
  const lines = decodeInChunks(Buffer.concat([bad, frame('type=EOE msg=audit(1.000:3):')]), 64, new BinaryFrameDecoder({ endianness: 'LE', stats }));
  assert.deepEqual(lines, ['type=EOE msg=audit(1.000:3):']);
  assert.equal(stats.get('input', 'binary.garbage_bytes'), bad.length);
});

test('a frame cut short by end of input is counted as truncated', () => {
  const stats = new Stats();
  const whole = frame('type=EOE msg=audit(1.000:4):');
  const decoder = new BinaryFrameDecoder({ endianness: 'LE', stats });
  assert.equal(decoder.push(whole.subarray(0, 20)).length, 0);
  assert.deepEqual(decoder.end(), []);
  assert.equal(stats.get('input', 'binary.truncated_bytes'), 20);
});

test('protocol version 0 text gets the type= prefix auditd would print', () => {
  const lines = decodeInChunks(Buffer.concat([frame('audit(1.000:5): op=x', 1305, 0), frame('audit(1.000:5): a', 2999, 0)]), 9);
  assert.deepEqual(lines, ['type=CONFIG_CHANGE msg=audit(1.000:5): op=x', 'type=UNKNOWN[2999] msg=audit(1.000:5): a']);
});

test('big-endian hosts: headers are read in the order given', () => {
  const d = new BinaryFrameDecoder({ endianness: 'BE' });
  assert.deepEqual(d.push(frame('type=EOE msg=audit(1.000:6):', 1320, 1, 'BE')).map((f) => [f.type, f.text]), [[1320, 'type=EOE msg=audit(1.000:6):']]);
});

test('newlines inside a record become spaces, as auditd does for string plugins', () => {
  assert.deepEqual(decodeInChunks(frame('type=USER msg=audit(1.000:7): a\nb\n'), 100), ['type=USER msg=audit(1.000:7): a b']);
});

test('detectFeedFormat tells binary from string by the first bytes', () => {
  assert.equal(detectFeedFormat(padded.subarray(0, 8), 'LE'), 'binary');
  assert.equal(detectFeedFormat(Buffer.from('type=SYSCALL msg=audit('), 'LE'), 'string');
  assert.equal(detectFeedFormat(Buffer.from('node=web1 type=SYSCALL'), 'LE'), 'string');
  assert.equal(detectFeedFormat(Buffer.from('#comment line\n'), 'LE'), 'string');
  assert.equal(detectFeedFormat(padded.subarray(0, 7), 'LE'), undefined);
  assert.equal(detectFeedFormat(Buffer.from('typ'), 'LE'), undefined);
});

test('sniffFeedFormat decides on split first bytes and loses none of the stream', async () => {
  const chunks = [padded.subarray(0, 3), padded.subarray(3, 9000), padded.subarray(9000)];
  const { format, chunks: all } = await sniffFeedFormat(Readable.from(chunks, { objectMode: true }));
  assert.equal(format, 'binary');
  const lines: string[] = [];
  for await (const line of binaryFeedLines(all, { endianness: 'LE' })) lines.push(line);
  assert.deepEqual(lines, expected);
});

test('sniffFeedFormat on an empty stream says string and yields nothing', async () => {
  const { format, chunks } = await sniffFeedFormat(Readable.from([], { objectMode: true }));
  assert.equal(format, 'string');
  for await (const _ of chunks) assert.fail('no chunk expected');
});
