import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '../support/paths';

const launcher = path.join(repoRoot(), 'bin', 'audisp-json');

test('bin/audisp-json runs <package root>/dist/src/main.js with its arguments, through chains of symlinks', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'audisp-json-launcher-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // A stand-in for node that prints what it was asked to run.
  const fakeNode = path.join(dir, 'fake-node');
  writeFileSync(fakeNode, '#!/bin/sh\nprintf "%s\\n" "$@"\n', { mode: 0o755 });
  mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
  symlinkSync(launcher, path.join(dir, 'a', 'b', 'first'));
  symlinkSync(path.join('b', 'first'), path.join(dir, 'a', 'second')); // relative link to a link
  for (const via of [launcher, path.join(dir, 'a', 'b', 'first'), path.join(dir, 'a', 'second')]) {
    const out = execFileSync(via, ['--version', 'two words'], { env: { AUDISP_JSON_NODE: fakeNode }, encoding: 'utf8' });
    assert.deepEqual(out.split('\n'), [path.join(repoRoot(), 'dist/src/main.js'), '--version', 'two words', ''], via);
  }
});

test('bin/audisp-json finds node with no PATH at all, as when auditd starts it', (t) => {
  const pkg = mkdtempSync(path.join(tmpdir(), 'audisp-json-pkg-'));
  t.after(() => rmSync(pkg, { recursive: true, force: true }));
  mkdirSync(path.join(pkg, 'bin'));
  mkdirSync(path.join(pkg, 'dist', 'src'), { recursive: true });
  copyFileSync(launcher, path.join(pkg, 'bin', 'audisp-json'));
  writeFileSync(path.join(pkg, 'dist', 'src', 'main.js'), 'console.log(JSON.stringify(process.argv.slice(2)));\n');
  const out = execFileSync('/usr/bin/env', ['-i', '/bin/sh', '-c', `unset PATH; exec ${pkg}/bin/audisp-json --version`], { encoding: 'utf8' });
  assert.equal(out, '["--version"]\n');
});
