import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hexArgument } from '../../../src/core/mozdef/hex-argument';
import { socketFamily, socketProtocol, socketType } from '../../../src/core/mozdef/socket-names';

test('a syscall argument is hex as the kernel writes it, or with 0x as ausearch -i writes it; anything else is no number', () => {
  assert.deepEqual(['11', '0x11', '0X1f', 'ffffffff', '7ffc87700e00'].map(hexArgument), [17, 17, 31, 0xffffffff, 0x7ffc87700e00]);
  assert.deepEqual(['', '0x', 'zz', '11zz', '-1', 'inet', '1'.repeat(17), undefined].map(hexArgument), Array(8).fill(undefined));
});

test('socket arguments are named from either spelling, and not from a value that is no number', () => {
  assert.deepEqual([socketFamily('2'), socketFamily('0xa'), socketFamily('11zz'), socketFamily('inet')], ['AF_INET', 'AF_INET6', undefined, undefined]);
  assert.deepEqual([socketType('80003'), socketType('0x802'), socketType('SOCK_STREAM')], ['SOCK_RAW|SOCK_CLOEXEC', 'SOCK_DGRAM|SOCK_NONBLOCK', undefined]);
  assert.deepEqual([socketProtocol('6'), socketProtocol('0x300'), socketProtocol('tcp')], ['6', '768', undefined]);
});
