import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DetailsBuilder } from '../../../src/core/mozdef/details-builder';
import { putNewAttributes } from '../../../src/core/mozdef/new-attributes';

function newAttributes(syscall: string, args: Record<string, string>): Record<string, string> {
  const d = new DetailsBuilder(1000);
  putNewAttributes(syscall, { get: (key: string) => args[key] }, d);
  return JSON.parse(d.json()) as Record<string, string>;
}

test('chmod calls: the new mode in octal, from the argument each call takes it in', () => {
  assert.deepEqual(newAttributes('chmod', { a0: '55d1e2b0', a1: '9ed' }), { newmode: '04755' });
  assert.deepEqual(newAttributes('fchmod', { a0: '3', a1: '1a4' }), { newmode: '0644' });
  assert.deepEqual(newAttributes('fchmodat', { a0: 'ffffff9c', a1: '55d1e2b0', a2: '1c0', a3: '0' }), { newmode: '0700' });
  // Only permission bits: a file type in the argument is not the call's business.
  assert.deepEqual(newAttributes('fchmodat2', { a2: '81ff' }), { newmode: '0777' });
  assert.deepEqual(newAttributes('chmod', { a1: 'not-hex' }), {});
});

test('chown calls: the new owner and group as ids, left out when the call keeps them (-1)', () => {
  assert.deepEqual(newAttributes('chown', { a1: '0', a2: '3e8' }), { newuid: '0', newgid: '1000' });
  assert.deepEqual(newAttributes('fchownat', { a0: 'ffffff9c', a1: '55d1e2b0', a2: 'ffffffff', a3: '0' }), { newgid: '0' });
  assert.deepEqual(newAttributes('lchown', { a1: 'FFFFFFFFFFFFFFFF', a2: 'ffff' }), {});
  assert.deepEqual(newAttributes('fchown32', { a1: '1f4', a2: '1f4' }), { newuid: '500', newgid: '500' });
});

test('other syscalls get nothing', () => {
  assert.deepEqual(newAttributes('openat', { a1: '9ed', a2: '0' }), {});
});
