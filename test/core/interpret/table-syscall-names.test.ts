import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TableSyscallNames } from '../../../src/core/interpret/table-syscall-names';

const names = new TableSyscallNames();

test('the record arch decides the table, not the host', () => {
  assert.equal(names.syscallName('c000003e', 59), 'execve');
  assert.equal(names.syscallName('40000003', 11), 'execve');
  assert.equal(names.syscallName('c00000b7', 221), 'execve');
  assert.equal(names.syscallName('c000003e', 0), 'read');
  assert.equal(names.syscallName('40000003', 0), 'restart_syscall');
  assert.equal(names.syscallName('14', 11), 'execve');
  assert.equal(names.syscallName('80000015', 11), 'execve');
  assert.equal(names.syscallName('80000016', 11), 'execve');
});

test('syscalls newer than auditd 3.0.9\'s tables are named, on every arch alike (fchmodat2 is a chmod)', () => {
  for (const arch of ['c000003e', '40000003', 'c00000b7']) {
    assert.deepEqual([451, 452, 462, 469].map((n) => names.syscallName(arch, n)), ['cachestat', 'fchmodat2', 'mseal', 'file_setattr'], arch);
    assert.equal(names.syscallName(arch, 470), undefined, arch);
  }
  assert.equal(names.syscallName('c000003e', 450), 'set_mempolicy_home_node', 'the generated tables stay as they are');
});

test('arch codes in any case, with leading zeros, or already interpreted', () => {
  assert.equal(names.archName('C000003E'), 'x86_64');
  assert.equal(names.archName('x86_64'), 'x86_64');
  assert.equal(names.syscallName('x86_64', 59), 'execve');
  assert.equal(names.archName('00000014'), 'ppc');
});

test('unknown arches and numbers give undefined, never a wrong name', () => {
  assert.equal(names.archName('deadbeef'), undefined);
  assert.equal(names.syscallName('deadbeef', 59), undefined);
  assert.equal(names.syscallName('c000003e', 100000), undefined);
  assert.equal(names.archName('c00000f3'), 'riscv64');
  assert.equal(names.syscallName('c00000f3', 221), undefined);
});
