import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { readConfigFile } from '../../../src/core/config/read-config-file';
import { TempConfigDir } from './temp-config-dir';

const dir = new TempConfigDir();
after(() => dir.remove());

test('a regular file that is not world-writable is read', () => {
  const file = dir.write('ok.conf', 'a = 1\n', 0o664);
  assert.deepEqual(readConfigFile(file), { ok: true, text: 'a = 1\n' });
});

test('a world-writable file is refused, naming the file and why', () => {
  const file = dir.write('open.conf', 'a = 1\n', 0o666);
  const result = readConfigFile(file);
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.equal(result.problem.file, file);
  assert.match(result.problem.message, /refused: world-writable \(mode 0666\)/);
});

test('a directory is refused as not a regular file', () => {
  const sub = dir.join('a-directory.conf');
  fs.mkdirSync(sub);
  const result = readConfigFile(sub);
  assert.deepEqual(result, { ok: false, problem: { file: sub, message: 'refused: not a regular file (a directory)' } });
});

test('a FIFO is refused without blocking on open', () => {
  const fifo = dir.join('pipe.conf');
  execFileSync('mkfifo', [fifo]);
  const result = readConfigFile(fifo);
  assert.deepEqual(result, { ok: false, problem: { file: fifo, message: 'refused: not a regular file (a FIFO)' } });
});

test('a symbolic link to a good file is followed; the target is what is checked', () => {
  const target = dir.write('target.conf', 'b = 2\n', 0o666);
  const link = dir.join('link.conf');
  fs.symlinkSync(target, link);
  const result = readConfigFile(link);
  assert.equal(result.ok, false);
  if (!result.ok) assert.match(result.problem.message, /world-writable/);
});

test('a missing file is a problem naming the file', () => {
  const missing = dir.join('missing.conf');
  assert.deepEqual(readConfigFile(missing), {
    ok: false, problem: { file: missing, message: 'cannot open: no such file or directory' },
  });
});
