import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convertConfigValue } from '../../../src/core/config/convert-config-value';

test('numbers: decimal, signed, fractional, exponent', () => {
  for (const [text, value] of [['42', 42], ['-1', -1], ['+3', 3], ['0.5', 0.5], ['.25', 0.25], ['2.', 2], ['1e3', 1000]] as const) {
    assert.deepEqual(convertConfigValue(text, Number), { ok: true, value }, text);
  }
});

test('numbers: NaN, trailing junk, hex, empty and infinities are rejected', () => {
  for (const text of ['abc', '12abc', '1 2', '0x10', '', ' ', 'Infinity', 'NaN', '1e999', '1,5']) {
    const result = convertConfigValue(text, Number);
    assert.equal(result.ok, false, text);
  }
  assert.deepEqual(convertConfigValue('12abc', Number), { ok: false, message: 'expected a number, got "12abc"' });
});

test('booleans: yes/no, true/false, on/off, 1/0, any case', () => {
  for (const text of ['yes', 'YES', 'true', 'True', 'on', 'ON', '1']) {
    assert.deepEqual(convertConfigValue(text, Boolean), { ok: true, value: true }, text);
  }
  for (const text of ['no', 'No', 'false', 'FALSE', 'off', 'Off', '0']) {
    assert.deepEqual(convertConfigValue(text, Boolean), { ok: true, value: false }, text);
  }
});

test('booleans: anything else is rejected, including prototype names', () => {
  for (const text of ['maybe', 'y', '2', '', 'constructor', 'toString']) {
    assert.equal(convertConfigValue(text, Boolean).ok, false, text);
  }
});

test('lists: comma and/or whitespace separated, empty items dropped', () => {
  assert.deepEqual(convertConfigValue('mozdef, kafka', Array), { ok: true, value: ['mozdef', 'kafka'] });
  assert.deepEqual(convertConfigValue('a b,c ,, d\te', Array), { ok: true, value: ['a', 'b', 'c', 'd', 'e'] });
  assert.deepEqual(convertConfigValue(' , ', Array), { ok: true, value: [] });
});

test('strings are kept as is', () => {
  assert.deepEqual(convertConfigValue(' {"message": ', String), { ok: true, value: ' {"message": ' });
});
