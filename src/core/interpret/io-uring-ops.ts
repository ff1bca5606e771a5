/**
 * io_uring operations by number (`uring_op=` of a URINGOP record), lower-cased from the kernel's
 * `enum io_uring_op` (include/uapi/linux/io_uring.h, as Debian 12's linux-libc-dev ships it). Later
 * kernels add operations after these; those stay numbers.
 */
const IO_URING_OPS: readonly string[] = [
  'nop', 'readv', 'writev', 'fsync', 'read_fixed', 'write_fixed', 'poll_add', 'poll_remove',
  'sync_file_range', 'sendmsg', 'recvmsg', 'timeout', 'timeout_remove', 'accept', 'async_cancel',
  'link_timeout', 'connect', 'fallocate', 'openat', 'close', 'files_update', 'statx', 'read', 'write',
  'fadvise', 'madvise', 'send', 'recv', 'openat2', 'epoll_ctl', 'splice', 'provide_buffers',
  'remove_buffers', 'tee', 'shutdown', 'renameat', 'unlinkat', 'mkdirat', 'symlinkat', 'linkat',
  'msg_ring', 'fsetxattr', 'setxattr', 'fgetxattr', 'getxattr', 'socket', 'uring_cmd', 'send_zc',
  'sendmsg_zc',
];

/** `18` → `openat`; undefined for a number past the table or not a number. */
export function ioUringOpName(number: string | undefined): string | undefined {
  if (number === undefined || !/^\d{1,3}$/.test(number)) return undefined;
  return IO_URING_OPS[Number(number)];
}
