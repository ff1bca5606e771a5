import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editDistance, suggestKey } from '../../../src/core/config/suggest-key';

const KNOWN = ['file_log', 'mozdef_url', 'prepend_msg', 'postpend_msg', 'ssl_verify', 'sinks'];

test('edit distance counts an adjacent swap as one edit', () => {
  assert.equal(editDistance('fiel_log', 'file_log'), 1);
  assert.equal(editDistance('abc', 'abc'), 0);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('kitten', 'sitting'), 3);
});

test('typos get the nearest known key', () => {
  assert.equal(suggestKey('fiel_log', KNOWN), 'file_log');
  assert.equal(suggestKey('mozdef_ulr', KNOWN), 'mozdef_url');
  assert.equal(suggestKey('PREPEND_MSG', KNOWN), 'prepend_msg');
  assert.equal(suggestKey('sink', KNOWN), 'sinks');
});

test('keys far from every known key get no suggestion', () => {
  assert.equal(suggestKey('colour', KNOWN), undefined);
  assert.equal(suggestKey('x', KNOWN), undefined);
});
