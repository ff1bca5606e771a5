import type { AuditRecord } from '../audit/audit-record';
import type { RecordFields } from '../audit/field-list';
import { hexArgument } from './hex-argument';
import { auditdTypeName } from './record-types';

/** socketcall's `call` argument → the operation (SYS_SOCKET = 1 ... SYS_SENDMMSG = 20, linux/net.h). */
const CALLS = [
  undefined, 'socket', 'bind', 'connect', 'listen', 'accept', 'getsockname', 'getpeername', 'socketpair',
  'send', 'recv', 'sendto', 'recvfrom', 'shutdown', 'setsockopt', 'getsockopt', 'sendmsg', 'recvmsg',
  'accept4', 'recvmmsg', 'sendmmsg',
];

/**
 * socketcall(2) makes every socket operation through one syscall on the 32-bit ABIs (i386, s390, ppc,
 * arm...): its `a0` says which one, its `a1` points at the operation's arguments, and the kernel
 * writes those in the event's SOCKETCALL record (`nargs=3 a0=2 a1=3 a2=1`). Rules and readers that
 * look for `socket` or `listen` never see these calls, so an event of socketcall is told as the
 * operation it made.
 */
export interface Socketcall {
  /** The operation (`socket`, `connect`...). */
  readonly call: string;
  /** The SYSCALL record's fields with the operation's own arguments as a0, a1...: absent (undefined)
   * when the event has no SOCKETCALL record. */
  readonly fields: Pick<RecordFields, 'get'>;
}

/** The operation of a `socketcall` whose SYSCALL fields are `syscall`; undefined for an unknown `a0`. */
export function socketcallOf(syscall: RecordFields, auxiliaries: readonly AuditRecord[]): Socketcall | undefined {
  const number = hexArgument(syscall.get('a0'));
  const call = number === undefined ? undefined : CALLS[number];
  if (call === undefined) return undefined;
  const args = auxiliaries.find((r) => auditdTypeName(r.type) === 'SOCKETCALL')?.fields;
  return { call, fields: { get: (key) => (isArgument(key) ? args?.get(key) : syscall.get(key)) } };
}

/** a0, a1... */
function isArgument(key: string): boolean {
  return /^a\d+$/.test(key);
}
