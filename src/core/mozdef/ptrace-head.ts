import type { AuditRecord } from '../audit/audit-record';
import type { RecordFields } from '../audit/field-list';
import type { DetailsBuilder } from './details-builder';
import { KEY } from './detail-key';
import { hexArgument } from './hex-argument';
import type { Head } from './lead-records';
import { targetProcessSuffix } from './target-process';

/** ptrace(2) requests by number: linux/ptrace.h, and 12-15 as most architectures define them (x86, arm...). */
const REQUESTS: ReadonlyMap<number, string> = new Map([
  [0, 'PTRACE_TRACEME'], [1, 'PTRACE_PEEKTEXT'], [2, 'PTRACE_PEEKDATA'], [3, 'PTRACE_PEEKUSR'],
  [4, 'PTRACE_POKETEXT'], [5, 'PTRACE_POKEDATA'], [6, 'PTRACE_POKEUSR'], [7, 'PTRACE_CONT'], [8, 'PTRACE_KILL'],
  [9, 'PTRACE_SINGLESTEP'], [12, 'PTRACE_GETREGS'], [13, 'PTRACE_SETREGS'], [14, 'PTRACE_GETFPREGS'],
  [15, 'PTRACE_SETFPREGS'], [16, 'PTRACE_ATTACH'], [17, 'PTRACE_DETACH'], [24, 'PTRACE_SYSCALL'],
  [0x4200, 'PTRACE_SETOPTIONS'], [0x4201, 'PTRACE_GETEVENTMSG'], [0x4202, 'PTRACE_GETSIGINFO'],
  [0x4203, 'PTRACE_SETSIGINFO'], [0x4204, 'PTRACE_GETREGSET'], [0x4205, 'PTRACE_SETREGSET'],
  [0x4206, 'PTRACE_SEIZE'], [0x4207, 'PTRACE_INTERRUPT'], [0x4208, 'PTRACE_LISTEN'],
  [0x4209, 'PTRACE_PEEKSIGINFO'], [0x420a, 'PTRACE_GETSIGMASK'], [0x420b, 'PTRACE_SETSIGMASK'],
  [0x420c, 'PTRACE_SECCOMP_GET_FILTER'], [0x420d, 'PTRACE_SECCOMP_GET_METADATA'],
  [0x420e, 'PTRACE_GET_SYSCALL_INFO'], [0x420f, 'PTRACE_GET_RSEQ_CONFIGURATION'],
  [0x4210, 'PTRACE_SET_SYSCALL_USER_DISPATCH_CONFIG'], [0x4211, 'PTRACE_GET_SYSCALL_USER_DISPATCH_CONFIG'],
]);

/**
 * What a ptrace call did: its request (`a0`) by name, into `ptracerequest` (a number the table does not
 * know, in decimal), and its target: the OBJ_PID record's pid and command (the kernel writes one when
 * a tracer attaches), else the pid argument (`a1`). Injecting into a process (PTRACE_ATTACH,
 * PTRACE_POKETEXT) and a debugger's routine calls now read differently; the C original said "Ptrace"
 * for all. `f`: the SYSCALL record's fields.
 */
export function ptraceHead(f: Pick<RecordFields, 'get'>, objPid: AuditRecord | undefined, d: DetailsBuilder): Head {
  const number = hexArgument(f.get('a0'));
  const request = number === undefined ? undefined : (REQUESTS.get(number) ?? String(number));
  d.put(KEY.ptracerequest, request);
  const head = request === undefined ? 'Ptrace' : `Ptrace: ${request}`;
  return { category: 'ptrace', summary: head + targetProcessSuffix(f, objPid, number === 0 ? undefined : pidArgument(f.get('a1'))) };
}

/** The pid argument in decimal, unless it cannot be a pid (PTRACE_TRACEME leaves garbage there). */
function pidArgument(hex: string | undefined): string | undefined {
  const pid = hexArgument(hex);
  return pid === undefined || pid >= 2 ** 32 ? undefined : String(pid);
}
