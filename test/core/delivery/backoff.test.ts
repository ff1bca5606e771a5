import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Backoff } from '../../../src/core/delivery/backoff';

test('backoff bound doubles up to the maximum, with full jitter below it', () => {
  const top = new Backoff(100, 1000, () => 0.999999);
  assert.deepEqual([1, 2, 3, 4, 5, 6].map(() => top.next()), [99, 199, 399, 799, 999, 999]);
  const bottom = new Backoff(100, 1000, () => 0);
  assert.equal(bottom.next(), 0);
});

test('backoff honours a peer delay (Retry-After) capped by the maximum, and reset starts over', () => {
  const backoff = new Backoff(100, 5000, () => 0.999999);
  assert.equal(backoff.next(3000), 3000);
  assert.equal(backoff.next(60_000), 5000);
  backoff.reset();
  assert.equal(backoff.next(), 99);
});
