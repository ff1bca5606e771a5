import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errnoName } from '../../../src/core/interpret/errno-names';

test('errno names: the kernel\'s names for a failed syscall\'s exit, on the architectures that number them so', () => {
  assert.equal(errnoName('-13', 'x86_64'), 'EACCES');
  assert.equal(errnoName('-2', 'aarch64'), 'ENOENT');
  // The kernel's names where libc has aliases (EDEADLOCK, ENOTSUP), and the last one.
  assert.deepEqual([errnoName('-35', 'i386'), errnoName('-95', 'ppc64le'), errnoName('-133', 's390x')], ['EDEADLK', 'EOPNOTSUPP', 'EHWPOISON']);
  // An interrupted syscall can leave the kernel's own.
  assert.equal(errnoName('-512', 'x86_64'), 'ERESTARTSYS');
  // No name: unused numbers, past the table, successes, another numbering, no arch.
  for (const [exit, arch] of [['-41', 'x86_64'], ['-134', 'x86_64'], ['-600', 'x86_64'], ['0', 'x86_64'], ['3', 'x86_64'], ['-13', 'mips'], ['-13', undefined], ['-1x', 'x86_64']]) {
    assert.equal(errnoName(exit, arch), undefined, `${exit} on ${arch}`);
  }
});
