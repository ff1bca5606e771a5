import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mapStatus, parseRetryAfter } from '../../../src/sinks/mozdef/mozdef-response';

test('mozdef status mapping: any 2xx delivered (201, 204 included), 408/429/5xx retryable, other 4xx and 3xx rejected', () => {
  for (const code of [200, 201, 202, 204]) assert.equal(mapStatus(code, undefined).status, 'delivered');
  for (const code of [408, 429, 500, 502, 503, 504]) assert.equal(mapStatus(code, undefined).status, 'retryable');
  for (const code of [301, 400, 401, 403, 404, 413]) assert.equal(mapStatus(code, undefined).status, 'rejected');
});

test('Retry-After is read as seconds or as an HTTP date; garbage is ignored', () => {
  const now = Date.parse('Wed, 25 Nov 2026 07:00:00 GMT');
  assert.equal(parseRetryAfter('120', now), 120_000);
  assert.equal(parseRetryAfter('Wed, 25 Nov 2026 07:00:30 GMT', now), 30_000);
  assert.equal(parseRetryAfter('Wed, 25 Nov 2026 06:00:00 GMT', now), 0);
  assert.equal(parseRetryAfter('soon', now), undefined);
  assert.equal(parseRetryAfter(undefined, now), undefined);
  const result = mapStatus(503, '2', now);
  assert.equal(result.status === 'retryable' && result.retryInMillis, 2000);
});
