import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signalName } from '../../../src/core/interpret/signal-names';

test('signal names as x86, arm, ppc, s390 and riscv number them; none for 0, real-time signals and other numberings', () => {
  assert.deepEqual([signalName(9, 'x86_64'), signalName(15, 'aarch64'), signalName(1, 'i386'), signalName(31, 's390x')], ['SIGKILL', 'SIGTERM', 'SIGHUP', 'SIGSYS']);
  assert.equal(signalName(16, 'ppc64le'), 'SIGSTKFLT');
  for (const [signal, arch] of [[0, 'x86_64'], [32, 'x86_64'], [-9, 'x86_64'], [9, 'mips'], [9, 'sparc64'], [9, undefined], [undefined, 'x86_64']] as const) {
    assert.equal(signalName(signal, arch), undefined, `${signal} on ${arch}`);
  }
});
