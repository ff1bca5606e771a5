/**
 * io_uring operations by number (`uring_op=` of a URINGOP record), lower-cased from the kernel's
 * `enum io_uring_op` (include/uapi/linux/io_uring.h): 0-48 as Debian 12's linux-libc-dev ships it,
 * 49-64 as later kernels added them (read_multishot to uring_cmd128). Operations added after these
 * stay numbers.
 */
const IO_URING_OPS: readonly string[] = [
  'nop', 'readv', 'writev', 'fsync', 'read_fixed', 'write_fixed', 'poll_add', 'poll_remove',
  'sync_file_range', 'sendmsg', 'recvmsg', 'timeout', 'timeout_remove', 'accept', 'async_cancel',
  'link_timeout', 'connect', 'fallocate', 'openat', 'close', 'files_update', 'statx', 'read', 'write',
  'fadvise', 'madvise', 'send', 'recv', 'openat2', 'epoll_ctl', 'splice', 'provide_buffers',
  'remove_buffers', 'tee', 'shutdown', 'renameat', 'unlinkat', 'mkdirat', 'symlinkat', 'linkat',
  'msg_ring', 'fsetxattr', 'setxattr', 'fgetxattr', 'getxattr', 'socket', 'uring_cmd', 'send_zc',
  'sendmsg_zc', 'read_multishot', 'waitid', 'futex_wait', 'futex_wake', 'futex_waitv', 'fixed_fd_install',
  'ftruncate', 'bind', 'listen', 'recv_zc', 'epoll_wait', 'readv_fixed', 'writev_fixed', 'pipe', 'nop128',
  'uring_cmd128',
];

/** `18` → `openat`; undefined for a number past the table or not a number. */
export function ioUringOpName(number: string | undefined): string | undefined {
  if (number === undefined || !/^\d{1,3}$/.test(number)) return undefined;
  return IO_URING_OPS[Number(number)];
}
