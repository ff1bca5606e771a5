import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfFile } from '../../../src/core/config/parse-conf-file';

const values = (text: string): Array<[string, string]> =>
  parseConfFile(text, 'a.conf').entries.map((entry) => [entry.key, entry.value]);

test('key = value with or without spaces around =', () => {
  assert.deepEqual(values('a = 1\nb=2\n  c\t=\t3  \nd= 4\n'), [['a', '1'], ['b', '2'], ['c', '3'], ['d', '4']]);
});

test('comment lines and blank lines are skipped, and line numbers count them', () => {
  const parsed = parseConfFile('# header\n\n   # indented comment\n\t\nkey = v\n', 'x.conf');
  assert.deepEqual(parsed.problems, []);
  assert.deepEqual(parsed.entries, [{ key: 'key', value: 'v', empty: false, file: 'x.conf', line: 5 }]);
});

test('# inside a value is kept (no end-of-line comments)', () => {
  assert.deepEqual(values('postpend_msg = } # end\n'), [['postpend_msg', '} # end']]);
});

test('the value is everything after the first =', () => {
  assert.deepEqual(values('mozdef_url = https://h/events?a=b&c==d\n'), [['mozdef_url', 'https://h/events?a=b&c==d']]);
});

test('classic prepend_msg={"message": comes through byte for byte', () => {
  assert.deepEqual(values('prepend_msg={"message":\n'), [['prepend_msg', '{"message":']]);
  assert.deepEqual(values('prepend_msg = {"message": \n'), [['prepend_msg', '{"message":']]);
});

test('one pair of matching quotes is removed, keeping inner spaces', () => {
  assert.deepEqual(values('a = " x "\nb = \' y \'\nc = ""\nd = ""x""\n'), [
    ['a', ' x '], ['b', ' y '], ['c', ''], ['d', '"x"'],
  ]);
});

test('unmatched or lone quotes are left alone', () => {
  assert.deepEqual(values('a = "x\nb = x"\nc = "\nd = "x\'\n'), [['a', '"x'], ['b', 'x"'], ['c', '"'], ['d', '"x\'']]);
});

test('an empty value is marked empty (means default), a quoted empty one is not', () => {
  const entries = parseConfFile('a =\nb = ""\n', 'a.conf').entries;
  assert.deepEqual(entries.map((entry) => [entry.key, entry.value, entry.empty]), [['a', '', true], ['b', '', false]]);
});

test('CRLF line endings are accepted', () => {
  assert.deepEqual(values('a = 1\r\nb = " 2 "\r\n'), [['a', '1'], ['b', ' 2 ']]);
});

test('a line without =, without key or with a spaced key is an error with file and line', () => {
  const parsed = parseConfFile('ok = 1\nnot a setting\n= 3\nmy key = 4\n', '/etc/a.conf');
  assert.deepEqual(parsed.entries.map((entry) => entry.key), ['ok']);
  assert.deepEqual(parsed.problems.map((problem) => [problem.file, problem.line]), [
    ['/etc/a.conf', 2], ['/etc/a.conf', 3], ['/etc/a.conf', 4],
  ]);
  assert.match(parsed.problems[0].message, /expected "key = value"/);
  assert.match(parsed.problems[1].message, /missing key/);
  assert.match(parsed.problems[2].message, /invalid key "my key"/);
});

test('a leading byte order mark is ignored', () => {
  assert.deepEqual(values('\uFEFFa = 1\n'), [['a', '1']]);
});
