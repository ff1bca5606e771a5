import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineFraming } from '../../../src/core/mozdef/line-framing';
import { checkWrapping } from '../../../src/core/mozdef/wrap-check';

test('wrap_check accepts no wrapper and the classic Fluentd wrapper', () => {
  assert.deepEqual(checkWrapping(new LineFraming('', '')), { ok: true });
  assert.deepEqual(checkWrapping(new LineFraming('{"message":', '}')), { ok: true });
  assert.deepEqual(checkWrapping(new LineFraming('{"host": "web 1", "event": ', '}')), { ok: true });
  assert.deepEqual(checkWrapping(new LineFraming('[', ']')), { ok: true });
});

test('wrap_check refuses a wrapper that cannot make JSON and names both keys', () => {
  const result = checkWrapping(new LineFraming('{"message":', ''));
  assert.equal(result.ok, false);
  assert.match(!result.ok ? result.error : '', /prepend_msg = "\{\\"message\\":", postpend_msg = "" do not make valid JSON/);
  assert.equal(checkWrapping(new LineFraming('message: ', '')).ok, false);
  // The original's wrapper made to fit a string: quotes inside the message break it.
  assert.equal(checkWrapping(new LineFraming('{"message":"', '"}')).ok, false);
});

test('wrap_check refuses a wrapper with a line break', () => {
  const result = checkWrapping(new LineFraming('[\n', ']'));
  assert.equal(result.ok, false);
  assert.match(!result.ok ? result.error : '', /line break/);
});
