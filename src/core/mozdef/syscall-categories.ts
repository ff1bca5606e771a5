import type { RecordFields } from '../audit/field-list';
import { numbersAsGeneric } from '../interpret/generic-numbering';

/**
 * Syscall name → MozDef category, as the C original chose them, plus what it missed: it matched
 * name prefixes, so `fchmod`, `lchown`, `lsetxattr`, `fsetxattr` and the xattr removals fell through,
 * and read/open events got the category "(null)". Anything not listed is emitted as `syscall`.
 */
export type SyscallCategory =
  | 'execve' | 'write' | 'read' | 'attribute' | 'chmod' | 'chown' | 'ptrace' | 'time' | 'socket' | 'listen';

const TABLE: ReadonlyArray<readonly [SyscallCategory, readonly string[]]> = [
  ['execve', ['execve', 'execveat']],
  ['write', [
    'write', 'writev', 'pwrite64', 'pwritev', 'pwritev2', 'unlink', 'unlinkat', 'rename', 'renameat',
    'renameat2', 'creat', 'truncate', 'ftruncate', 'truncate64', 'ftruncate64',
  ]],
  ['read', [
    'read', 'readv', 'pread64', 'preadv', 'preadv2', 'readlink', 'readlinkat', 'open', 'openat', 'openat2',
    'open_by_handle_at', 'link', 'linkat', 'mmap', 'mmap2', 'sendfile', 'sendfile64',
  ]],
  ['attribute', [
    'setxattr', 'lsetxattr', 'fsetxattr', 'removexattr', 'lremovexattr', 'fremovexattr', 'setxattrat', 'removexattrat',
  ]],
  ['chmod', ['chmod', 'fchmod', 'fchmodat', 'fchmodat2']],
  ['chown', ['chown', 'fchown', 'fchownat', 'lchown', 'chown32', 'fchown32', 'lchown32']],
  ['ptrace', ['ptrace']],
  ['time', ['adjtimex', 'clock_adjtime', 'clock_adjtime64', 'settimeofday', 'clock_settime', 'clock_settime64', 'stime']],
  ['socket', ['socket', 'socketpair']],
  ['listen', ['listen']],
];

const BY_NAME: ReadonlyMap<string, SyscallCategory> = new Map(
  TABLE.flatMap(([category, names]) => names.map((name) => [name, category] as const)),
);

export function syscallCategory(name: string): SyscallCategory | undefined {
  return BY_NAME.get(name);
}

/** open/openat flags argument: which of a0..a3 holds it (openat2 passes a struct pointer). */
const OPEN_FLAGS_ARG: ReadonlyMap<string, string> = new Map([
  ['open', 'a1'], ['openat', 'a2'],
]);
const O_ACCMODE = 0x3;
const O_CREAT = 0x40;
const O_TRUNC = 0x200;

/**
 * An open that writes (O_WRONLY, O_RDWR, O_CREAT or O_TRUNC) is a write, not a read. Only decided
 * where the flag values are the generic ones (numbersAsGeneric). open and openat pass the flags as an
 * argument (hex); openat2 passes a pointer, and the kernel writes the flags in the event's OPENAT2
 * record (`how`: `oflag=0101`, octal). Without that record an openat2 stays a read.
 */
export function openWrites(syscall: string, arch: string | undefined, args: Pick<RecordFields, 'get'>, how?: RecordFields): boolean {
  if (!numbersAsGeneric(arch)) return false;
  let flags: number;
  if (syscall === 'openat2') {
    const oflag = how?.get('oflag');
    if (oflag === undefined || !/^[0-7]{1,22}$/.test(oflag)) return false;
    flags = parseInt(oflag, 8);
  } else {
    const arg = OPEN_FLAGS_ARG.get(syscall);
    const hex = arg === undefined ? undefined : args.get(arg);
    if (hex === undefined) return false;
    flags = parseInt(hex, 16);
  }
  return Number.isFinite(flags) && ((flags & O_ACCMODE) !== 0 || (flags & (O_CREAT | O_TRUNC)) !== 0);
}
