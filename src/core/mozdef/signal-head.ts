import type { RecordFields } from '../audit/field-list';
import { signalName } from '../interpret/signal-names';
import type { DetailsBuilder } from './details-builder';
import { KEY } from './detail-key';
import type { EventParts } from './event-parts';
import { hexArgument } from './hex-argument';
import type { Head } from './lead-records';
import { failureSuffix, targetProcessSuffix } from './target-process';

/** Syscalls that send a signal: the argument that names the target process (a pidfd: none) and the signal's. */
const SENDERS: ReadonlyMap<string, { readonly target?: string; readonly signal: string }> = new Map([
  ['kill', { target: 'a0', signal: 'a1' }],
  ['tkill', { target: 'a0', signal: 'a1' }],
  ['tgkill', { target: 'a0', signal: 'a2' }],
  ['rt_sigqueueinfo', { target: 'a0', signal: 'a1' }],
  ['rt_tgsigqueueinfo', { target: 'a0', signal: 'a2' }],
  ['pidfd_send_signal', { signal: 'a1' }],
]);

/**
 * A signal sent (`kill`, `tgkill`...): the signal by name into `signal` (in decimal when it has
 * none) and the summary `Syscall: kill SIGKILL pid 4242 (sleep)`: the target from the OBJ_PID record,
 * else from the pid argument. A kill of a group names the group (`process group 4242`, `own process
 * group`, `every process`) and how many processes the kernel wrote an OBJ_PID for: one each.
 * Undefined for other syscalls. `f`: the SYSCALL record's fields.
 */
export function signalHead(
  operation: string,
  f: Pick<RecordFields, 'get'>,
  parts: Pick<EventParts, 'objPid' | 'auxiliaries'>,
  arch: string | undefined,
  d: DetailsBuilder,
): Head | undefined {
  const sender = SENDERS.get(operation);
  if (sender === undefined) return undefined;
  const number = int32Argument(f.get(sender.signal));
  const name = signalName(number, arch);
  d.put(KEY.signal, name ?? (number === undefined ? undefined : String(number)));
  const head = `Syscall: ${operation} ${name ?? `signal ${number ?? '?'}`}`;
  const pidArgument = sender.target === undefined ? undefined : int32Argument(f.get(sender.target));
  const group = operation === 'kill' && pidArgument !== undefined ? killGroup(pidArgument) : undefined;
  if (group === undefined) return { category: 'syscall', summary: head + targetProcessSuffix(f, parts.objPid, pidArgument) };
  const signalled = parts.objPid === undefined ? 0 : 1 + parts.auxiliaries.filter((r) => r.type === 'OBJ_PID').length;
  const count = signalled === 0 ? '' : ` (${signalled} signalled)`;
  return { category: 'syscall', summary: `${head} ${group}${count}${failureSuffix(f)}` };
}

/** kill's pid when it names no one process (kill(2)): 0 is the caller's group, -1 every process it may signal, below a group. */
function killGroup(pid: number): string | undefined {
  if (pid > 0) return undefined;
  return pid === 0 ? 'own process group' : pid === -1 ? 'every process' : `process group ${-pid}`;
}

/** An int argument (pid_t, a signal): the register's low 32 bits, signed (`ffffffff` is -1). */
function int32Argument(hex: string | undefined): number | undefined {
  return hexArgument(hex) === undefined ? undefined : Number.parseInt(hex!.slice(-8), 16) | 0;
}
