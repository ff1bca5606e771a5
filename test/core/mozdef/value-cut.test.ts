import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cutValue } from '../../../src/core/mozdef/value-cut';

test('values within the limit are returned unchanged', () => {
  assert.equal(cutValue('abc', 3), 'abc');
  assert.equal(cutValue('', 0), '');
});

test('a long value is cut with a marker giving the UTF-8 bytes removed', () => {
  assert.equal(cutValue('abcdef', 4), 'abcd...[cut 2 bytes]');
  assert.equal(cutValue('abcé€', 3), 'abc...[cut 5 bytes]');
});

test('the cut never splits a surrogate pair and the result stays valid JSON', () => {
  const value = 'ab😀cd'; // 😀 is two UTF-16 code units at 2..3
  const cut = cutValue(value, 3);
  assert.equal(cut, 'ab...[cut 6 bytes]');
  const json = JSON.stringify({ v: cut });
  assert.deepEqual(JSON.parse(json), { v: cut });
  assert.doesNotMatch(json, /\\ud83d/);
});

test('quotes, backslashes and control characters survive cutting and JSON.stringify', () => {
  const value = 'a"b\\c\nd\u0000e'.repeat(10);
  const cut = cutValue(value, 7);
  assert.equal(cut.slice(0, 7), 'a"b\\c\nd');
  assert.deepEqual(JSON.parse(JSON.stringify({ v: cut })), { v: cut });
});
