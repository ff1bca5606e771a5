import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AuditTimestamp } from '../../../src/core/mozdef/audit-timestamp';

test('audit time becomes UTC with microseconds', () => {
  const ts = new AuditTimestamp();
  assert.equal(ts.format('1795585824.602'), '2026-11-25T05:50:24.602000+00:00');
  assert.equal(ts.format('1795585824.014'), '2026-11-25T05:50:24.014000+00:00');
});

test('the cached second is replaced when the second changes', () => {
  const ts = new AuditTimestamp();
  assert.equal(ts.format('0.5'), '1970-01-01T00:00:00.500000+00:00');
  assert.equal(ts.format('86400.001'), '1970-01-02T00:00:00.001000+00:00');
  assert.equal(ts.format('0.000'), '1970-01-01T00:00:00.000000+00:00');
});

test('a time without fraction or that is not a number does not throw', () => {
  const ts = new AuditTimestamp();
  assert.equal(ts.format('1795585824'), '2026-11-25T05:50:24.000000+00:00');
  assert.equal(ts.format('garbage'), 'garbage');
  // Digits that pass the header check, but past year 275760, the last a Date can hold.
  assert.equal(ts.format('179551795585824.814'), '179551795585824.814');
  // Past year 9999 the year has a sign and 6 digits; the seconds are still there.
  assert.equal(ts.format('8640000000000.000'), '+275760-09-13T00:00:00.000000+00:00');
  assert.equal(ts.format('253402300800.5'), '+010000-01-01T00:00:00.500000+00:00');
});

test('json(): the timestamp as a JSON string, escaped when the time was not digits', () => {
  const ts = new AuditTimestamp();
  assert.equal(ts.json('1795585824.602'), '"2026-11-25T05:50:24.602000+00:00"');
  assert.equal(JSON.parse(ts.json('12"\\')), '12"\\');
});
