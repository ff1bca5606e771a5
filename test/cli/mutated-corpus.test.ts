import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../support/run-cli';
import { corpusFiles } from '../support/paths';
import { tempDir } from '../support/temp-dir';

/**
 * A fixed sequence of numbers in [0, 1) (mulberry32, exact in 32-bit integers): the same lines on every
 * run, so a failure can be replayed.
 */
function sequence(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One of the ways a line gets damaged: cut, bytes overwritten, a quote or separator put in, spliced,
 * values hex-encoded, numbers made huge.
 */
function damage(line: Buffer, next: () => number): Buffer {
  const at = (): number => Math.floor(next() * line.length);
  switch (Math.floor(next() * 6)) {
    case 0: return line.subarray(0, at());
    case 1: {
      const copy = Buffer.from(line);
      for (let i = 0; i < 3; i++) copy[at()] = Math.floor(next() * 256);
      return copy;
    }
    case 2: {
      const cut = at();
      const inserted = ['"', "'", '{', '}', '=', '\x1d', ' ', '\\', '\0', '\r'][Math.floor(next() * 10)];
      return Buffer.concat([line.subarray(0, cut), Buffer.from(inserted, 'latin1'), line.subarray(cut)]);
    }
    case 3: return Buffer.concat([line.subarray(0, at()), line.subarray(at())]);
    case 4: return Buffer.from(line.toString('latin1').replace(/=([^ ]*)/g, (field, value: string) =>
      next() < 0.2 ? `=${Buffer.from(value).toString('hex').toUpperCase()}` : field), 'latin1');
    default: return Buffer.from(line.toString('latin1').replace(/([=[])(\d+)/g, (field, before: string) =>
      next() < 0.3 ? `${before}${['4294967295', '999999999', '179551795585824'][Math.floor(next() * 3)]}` : field), 'latin1');
  }
}

test('damaged corpus lines: no crash, no event lost in formatting, every message MozDef JSON with string details', async (t) => {
  const lines = corpusFiles().flatMap((file) =>
    readFileSync(file, 'latin1').split('\n').filter((l) => l.includes('type=')).map((l) => Buffer.from(l, 'latin1')));
  const dir = tempDir(t, 'audisp-json-damaged-');
  const conf = path.join(dir, 'audisp-json.conf');
  // Its own spool_dir: the default one may belong to an audisp-json running on this machine.
  writeFileSync(conf, `sinks = stdout\nstats_interval = 0\nignore_empty_execve = no\nspool_dir = ${dir}/spool\n`, { mode: 0o600 });
  // Each of these seeds fails without 4b08d1d (a time past what a Date holds lost its event) and
  // without the bound on EXECVE markers (a huge argc or piece index ran out of memory).
  for (const seed of [1, 4, 5]) {
    const next = sequence(seed);
    const feed: Buffer[] = [];
    for (let i = 0; i < 20_000; i++) {
      const line = lines[Math.floor(next() * lines.length)];
      feed.push(next() < 0.5 ? damage(line, next) : line, Buffer.from('\n'));
    }
    const input = path.join(dir, `damaged-${seed}.log`);
    writeFileSync(input, Buffer.concat(feed));

    const result = await runCli(['--config', conf, '--input', input], undefined, 60_000);
    assert.equal(result.code, 0, result.stderr.slice(-2000));
    assert.doesNotMatch(result.stderr, /failed\.|fatal/, `seed ${seed}: ${result.stderr.slice(-2000)}`);
    const messages = result.stdout.split('\n').filter((l) => l !== '');
    assert.ok(messages.length > 5000, `seed ${seed}: only ${messages.length} messages`);
    for (const message of messages) {
      const details = (JSON.parse(message) as { details: Record<string, unknown> }).details;
      for (const [key, value] of Object.entries(details)) assert.equal(typeof value, 'string', `seed ${seed}: ${key}`);
    }
  }
});
