import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../support/run-cli';
import { corpusFiles } from '../support/paths';
import { tempDir } from '../support/temp-dir';

test('every file of the shared corpus goes through without a crash; every line is MozDef JSON with string details', async (t) => {
  const files = corpusFiles();
  assert.ok(files.length > 200, `corpus has ${files.length} files`);
  const dir = tempDir(t, 'audisp-json-corpus-');
  const out = path.join(dir, 'out.log');
  const conf = path.join(dir, 'audisp-json.conf');
  writeFileSync(conf, `file_log = ${out}\nhostname = corpus.test\nignore_empty_execve = no\nspool_dir = ${dir}/spool\n`, { mode: 0o600 });

  const result = await runCli(['--config', conf, ...files.flatMap((f) => ['--input', f])], undefined, 120_000);
  assert.equal(result.code, 0, result.stderr.slice(-3000));
  const lines = readFileSync(out, 'utf8').split('\n').filter((l) => l !== '');
  const records = files.reduce((n, f) => n + readFileSync(f, 'utf8').split('\n').filter((l) => /type=\S+ (msg=)?audit\(\d+\.\d+:\d+\)/.test(l) && !/type=EOE /.test(l)).length, 0);
  assert.ok(lines.length > 1000, `only ${lines.length} messages`);
  const ids = new Set<string>();
  for (const line of lines) {
    const message = JSON.parse(line) as { category: string; summary: string; timestamp: string; details: Record<string, unknown> };
    assert.equal(typeof message.category, 'string');
    assert.equal(typeof message.summary, 'string');
    assert.match(message.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/);
    for (const [key, value] of Object.entries(message.details)) assert.equal(typeof value, 'string', key);
    ids.add(String(message.details.eventid));
  }
  // Lines that are not records are counted and reported (laurel's traces have # comments, go-libaudit `msg=?`).
  assert.match(result.stderr, /stats: input: .*records=\d+/);
  assert.match(result.stderr, /skipped\.comment=\d+/);
  assert.match(result.stderr, /malformed\.\w+=\d+/);
  assert.ok(records > 17000, `${records} records`);
});
