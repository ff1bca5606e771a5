import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { readFeed, type LineSink } from '../../../src/core/input/read-feed';
import { Stats } from '../../../src/core/stats/stats';
import { MemoryLogger } from '../../../src/core/log/logger';
import { repoRoot } from '../../support/paths';

const fixtures = path.join(repoRoot(), 'test/fixtures/binary-feed');
const binary = gunzipSync(readFileSync(path.join(fixtures, 'auditd-3.0.9-padded.bin.gz')));
const expected = readFileSync(path.join(fixtures, 'auditd-3.0.9-padded.expected.log'), 'utf8').trimEnd().split('\n');

function recorder(): LineSink & { lines: string[]; cut: number } {
  return {
    lines: [],
    cut: 0,
    handleLine(line) {
      this.lines.push(line);
    },
    handleCutLine() {
      this.cut += 1;
    },
    backpressure: async () => undefined,
  };
}

function chunked(bytes: Buffer, size: number): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return Readable.from(parts);
}

test('a binary feed gives the same record lines as the string feed would', async () => {
  const sink = recorder();
  const stats = new Stats();
  await readFeed(chunked(binary, 4000), sink, { format: 'binary', stats });
  assert.deepEqual(sink.lines, expected);
  assert.equal(stats.get('input', 'format.binary'), 1);
});

test('a string feed is split into lines, multi-byte characters split across chunks intact', async () => {
  const text = `${expected.join('\n')}\ntype=USER msg=audit(1.000:9): msg='text=é→✓'\n`;
  const sink = recorder();
  await readFeed(chunked(Buffer.from(text), 7), sink, { format: 'string', stats: new Stats() });
  assert.deepEqual(sink.lines, [...expected, "type=USER msg=audit(1.000:9): msg='text=é→✓'"]);
});

test('a record whose sender wrote bytes that are not UTF-8 keeps them as \\xNN, in a string and in a binary feed', async () => {
  // As the kernel and auditd 3.0.9 pass a user-space message on (seen here with a raw netlink sender).
  const line = Buffer.from("type=USER_AVC msg=audit(1.000:8): pid=1 uid=0 msg='lossy-test:abc##def caf\u00e9 res=success'", 'utf8');
  line.write('\xff\xfe', line.indexOf('##'), 'latin1');
  const text = "type=USER_AVC msg=audit(1.000:8): pid=1 uid=0 msg='lossy-test:abc\\xff\\xfedef caf\u00e9 res=success'";
  const strings = recorder();
  await readFeed(chunked(Buffer.concat([line, Buffer.from('\n')]), 5), strings, { format: 'string', stats: new Stats() });
  assert.deepEqual(strings.lines, [text]);
  const header = Buffer.alloc(16);
  [1, 16, 1107, line.length].forEach((value, i) => header.writeUInt32LE(value, i * 4));
  const frames = recorder();
  await readFeed(chunked(Buffer.concat([header, line]), 7), frames, { format: 'binary', stats: new Stats() });
  assert.deepEqual(frames.lines, [text]);
});

test('the first bytes win over the config: a binary feed under format = string is decoded, with a warning', async () => {
  const sink = recorder();
  const logger = new MemoryLogger();
  await readFeed(chunked(binary, 65536), sink, { format: 'string', stats: new Stats(), logger });
  assert.deepEqual(sink.lines, expected);
  assert.equal(logger.lines.filter((l) => l.startsWith('warn: ')).length, 1);
});

test('an empty feed is a string feed with no line', async () => {
  const sink = recorder();
  await readFeed(Readable.from([]), sink, { format: 'string', stats: new Stats() });
  assert.deepEqual(sink.lines, []);
});

test('a replayed file hands events over in full batches; a live feed at each chunk; both at the end', async () => {
  for (const replay of [true, false]) {
    const handOvers: (boolean | undefined)[] = [];
    const sink = { ...recorder(), backpressure: async (handOver?: boolean) => void handOvers.push(handOver) };
    await readFeed(chunked(Buffer.from(`${expected.join('\n')}\n`), 200), sink, { format: 'string', stats: new Stats(), replay });
    assert.ok(handOvers.length > 2);
    assert.deepEqual(handOvers.slice(0, -1), handOvers.slice(0, -1).map(() => !replay), `replay ${replay}`);
    assert.notEqual(handOvers.at(-1), false, 'the end of the feed hands everything over');
  }
});

test('a failure downstream closes the source: a file read part-way does not keep its descriptor', async () => {
  let closed = false;
  async function* source(): AsyncGenerator<Uint8Array> {
    try {
      for (let i = 0; i < 100; i++) yield Buffer.from(`type=EOE msg=audit(1.000:${i}): \n`);
    } finally {
      closed = true;
    }
  }
  const sink = recorder();
  sink.handleLine = () => {
    throw new Error('sink broke');
  };
  await assert.rejects(readFeed(source(), sink, { format: 'string', stats: new Stats() }), /sink broke/);
  assert.equal(closed, true);
});
