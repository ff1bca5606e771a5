import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Utf8Documents } from '../../../src/core/format/utf8-documents';

test('UTF-8 documents: each one a line, byte lengths right for multibyte text, the buffer grows past its first size', () => {
  const docs = ['{"a":"plain"}', '{"a":"é 日本 😀"}', `{"a":"${'x'.repeat(10_000)}"}`, '{}'];
  const out = new Utf8Documents(16);
  for (const doc of docs) out.add(doc);
  assert.equal(out.content().toString('utf8'), docs.map((d) => `${d}\n`).join(''));
  assert.deepEqual(out.lengths, docs.map((d) => Buffer.byteLength(d)));
});
