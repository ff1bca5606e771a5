import { numbersAsGeneric } from './generic-numbering';

/** Signals 1-31 as asm-generic and x86 number them (asm-generic/signal.h). */
const NAMES = (
  'SIGHUP,SIGINT,SIGQUIT,SIGILL,SIGTRAP,SIGABRT,SIGBUS,SIGFPE,SIGKILL,SIGUSR1,SIGSEGV,SIGUSR2,SIGPIPE,' +
  'SIGALRM,SIGTERM,SIGSTKFLT,SIGCHLD,SIGCONT,SIGSTOP,SIGTSTP,SIGTTIN,SIGTTOU,SIGURG,SIGXCPU,SIGXFSZ,' +
  'SIGVTALRM,SIGPROF,SIGWINCH,SIGIO,SIGPWR,SIGSYS'
).split(',');

/**
 * `SIGKILL` for signal 9 on `arch` (its name); undefined for 0 (a probe: is the process there?), the
 * real-time signals and the architectures that number signals otherwise.
 */
export function signalName(signal: number | undefined, arch: string | undefined): string | undefined {
  if (signal === undefined || !numbersAsGeneric(arch)) return undefined;
  return NAMES[signal - 1];
}
