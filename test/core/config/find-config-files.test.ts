import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { DEFAULT_CONFIG_SEARCH_PATHS, findConfigFiles } from '../../../src/core/config/find-config-files';
import { TempConfigDir } from './temp-config-dir';

const dir = new TempConfigDir();
after(() => dir.remove());

test('the default search list is the documented one, in order', () => {
  assert.deepEqual(DEFAULT_CONFIG_SEARCH_PATHS, [
    '/etc/audit/audisp-json.conf', '/etc/audisp/audisp-json.conf', './audisp-json.conf',
  ]);
});

test('the first search path that exists wins', () => {
  const second = dir.write('search/b/audisp-json.conf', '');
  dir.write('search/c/audisp-json.conf', '');
  const searchPaths = [dir.join('search/a/audisp-json.conf'), second, dir.join('search/c/audisp-json.conf')];
  assert.deepEqual(findConfigFiles({ searchPaths }), { ok: true, files: [second], searched: searchPaths });
});

test('an explicit path is used even when a search path exists', () => {
  const explicit = dir.write('explicit/mine.conf', '');
  const result = findConfigFiles({ explicitPath: explicit, searchPaths: [dir.write('other/audisp-json.conf', '')] });
  assert.deepEqual(result, { ok: true, files: [explicit], searched: [explicit] });
});

test('no file anywhere: no files, and the searched paths are reported', () => {
  const searchPaths = [dir.join('nowhere/1.conf'), dir.join('nowhere/2.conf')];
  assert.deepEqual(findConfigFiles({ searchPaths }), { ok: true, files: [], searched: searchPaths });
});

test('drop-ins beside the main file come after it in lexical order, only *.conf, no hidden files', () => {
  const main = dir.write('dropins/audisp-json.conf', '');
  const b = dir.write('dropins/audisp-json.d/20-b.conf', '');
  const a = dir.write('dropins/audisp-json.d/10-a.conf', '');
  const upper = dir.write('dropins/audisp-json.d/10-Z.conf', '');
  dir.write('dropins/audisp-json.d/30-c.conf.bak', '');
  dir.write('dropins/audisp-json.d/.40-hidden.conf', '');
  dir.write('dropins/audisp-json.d/README', '');
  const result = findConfigFiles({ explicitPath: main });
  assert.deepEqual(result, { ok: true, files: [main, upper, a, b], searched: [main] });
});

test('a world-writable drop-in directory is refused', () => {
  const main = dir.write('opendir/audisp-json.conf', '');
  const dropIns = dir.join('opendir/audisp-json.d');
  fs.mkdirSync(dropIns);
  fs.chmodSync(dropIns, 0o777);
  const result = findConfigFiles({ explicitPath: main });
  assert.deepEqual(result, {
    ok: false, problems: [{ file: dropIns, message: 'refused: world-writable directory; run chmod o-w on it' }],
  });
});

test('a drop-in path that is not a directory is refused', () => {
  const main = dir.write('notdir/audisp-json.conf', '');
  const dropIns = dir.write('notdir/audisp-json.d', '');
  const result = findConfigFiles({ explicitPath: main });
  assert.deepEqual(result, { ok: false, problems: [{ file: dropIns, message: 'refused: not a directory (a regular file)' }] });
});
