import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type DetailKey, detailKey, KEY } from '../../../src/core/mozdef/detail-key';
import { DetailsBuilder } from '../../../src/core/mozdef/details-builder';

function details(pairs: [string, string | undefined][]): string {
  const d = new DetailsBuilder(4096);
  for (const [key, value] of pairs) d.putNamed(key, value);
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
  const d = new DetailsBuilder(4096);
  d.put(KEY.pid, '1');
  d.put(KEY.ppid, undefined);
  d.put(KEY.pid, '2');
  d.putNamed('__proto__', 'x');
  d.put(KEY.uid, '0');
  assert.equal(d.json(), '{"pid":"1","__proto__":"x","uid":"0"}');
  assert.equal(details([]), '{}');
});

test('details: a raw name taken with another value gets a number, a value said already is not said again', () => {
  assert.equal(details([['res', 'success'], ['res', 'failed'], ['res', 'success'], ['res', '1'], ['a.b', 'x'], ['a_b', 'y']]),
    '{"res":"success","res_2":"failed","res_3":"1","a_b":"x","a_b_2":"y"}');
  // A long value is compared as it was kept (cut): the same long value twice is one key.
  const d = new DetailsBuilder(20);
  d.putNamed('data', 'z'.repeat(100));
  d.putNamed('data', 'z'.repeat(100));
  assert.deepEqual(Object.keys(JSON.parse(d.json())), ['data']);
});

test('details: thousands of repeats of one name are all kept, numbered in order', () => {
  const d = new DetailsBuilder(4096);
  for (let i = 0; i < 5000; i++) d.putNamed('res', String(i % 4000));
  const parsed = JSON.parse(d.json()) as Record<string, string>;
  assert.equal(Object.keys(parsed).length, 4000);
  assert.deepEqual([parsed.res, parsed.res_2, parsed.res_4000], ['0', '1', '3999']);
});

test('details: numbering a repeated name does not read again the values it gave (a record may repeat a field thousands of times)', () => {
  // It did, for every new value: 1000 repeats took 0.6 s, 4000 took 40 s.
  class Counting extends DetailsBuilder {
    reads = 0;
    override valueOf(key: DetailKey): string | undefined {
      this.reads++;
      return super.valueOf(key);
    }
  }
  const d = new Counting(4096);
  for (let i = 0; i < 500; i++) d.putNamed('res', String(i));
  assert.ok(d.reads <= 1, `${d.reads} reads of earlier values for 500 repeats`);
});

test('details: a builder filled after a newer one was made still keeps the first value of each key', () => {
  const older = new DetailsBuilder(4096);
  older.put(KEY.pid, '1');
  const newer = new DetailsBuilder(4096);
  newer.put(KEY.pid, '2');
  older.put(KEY.pid, '3');
  older.put(detailKey('pid'), '4');
  newer.put(KEY.pid, '5');
  assert.equal(older.json(), '{"pid":"1"}');
  assert.equal(newer.json(), '{"pid":"2"}');
  assert.equal(older.has(KEY.pid) && older.has(detailKey('pid')) && !older.has(KEY.ppid), true);
});

test('details: past the bound on remembered key names, a name seen twice is still one key', () => {
  const d = new DetailsBuilder(4096);
  for (let i = 0; i < 10_001; i++) d.putNamed(`field${i}`, String(i));
  const past = 'beyond-the-bound';
  assert.notEqual(detailKey(past), detailKey(past), 'made anew each time');
  d.putNamed(past, 'first');
  d.putNamed(past, 'first');
  d.putNamed(past, 'second');
  const parsed = JSON.parse(d.json()) as Record<string, string>;
  assert.deepEqual([parsed[past], parsed[`${past}_2`]], ['first', 'second']);
  assert.equal(parsed.field10000, '10000');
  assert.equal(Object.keys(parsed).length, 10_003);
});
