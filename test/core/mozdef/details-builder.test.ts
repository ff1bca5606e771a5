import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DetailsBuilder } from '../../../src/core/mozdef/details-builder';

function details(pairs: [string, string | undefined][]): string {
  const d = new DetailsBuilder(4096);
  for (const [key, value] of pairs) d.put(key, value);
  return d.json();
}

test('details JSON: plain and escaped values in every order parse back to the same object', () => {
  const hostile = ['quote " here', 'back\\slash', 'new\nline', 'tab\tand\u0001control', 'lone \ud800 surrogate', 'é 日本 😀'];
  for (const bad of hostile) {
    for (const pairs of [
      [['a', bad], ['b', 'plain'], ['c', 'plain too']],
      [['a', 'plain'], ['b', bad], ['c', 'plain']],
      [['a', 'plain'], ['b', 'plain'], ['c', bad]],
      [['a', bad], ['b', bad]],
    ] as [string, string][][]) {
      const json = details(pairs);
      assert.deepEqual(JSON.parse(json), Object.fromEntries(pairs), json);
      assert.equal(json, JSON.stringify(Object.fromEntries(pairs)), 'the same text as JSON.stringify');
    }
  }
});

test('details JSON: the first value of a key wins, absent values are left out, keys keep their order', () => {
  assert.equal(details([['pid', '1'], ['ppid', undefined], ['pid', '2'], ['__proto__', 'x'], ['uid', '0']]),
    '{"pid":"1","__proto__":"x","uid":"0"}');
  assert.equal(details([]), '{}');
});
