import type { AuditRecord } from '../../../src/core/audit/audit-record';
import type { AuditEvent } from '../../../src/core/audit/audit-event';
import type { ProcessTable } from '../../../src/core/interpret/process-table';
import type { SyscallNames } from '../../../src/core/interpret/syscall-names';
import type { UserDirectory } from '../../../src/core/interpret/user-directory';

/** Small hand-written lookup tables standing in for the interpretation services in unit tests. */
export class TableSyscallNames implements SyscallNames {
  private static readonly X86_64: ReadonlyMap<number, string> = new Map([
    [0, 'read'], [1, 'write'], [2, 'open'], [41, 'socket'], [42, 'connect'], [44, 'sendto'], [50, 'listen'],
    [59, 'execve'], [82, 'rename'], [83, 'mkdir'], [90, 'chmod'], [91, 'fchmod'], [92, 'chown'], [93, 'fchown'],
    [101, 'ptrace'], [135, 'personality'], [159, 'adjtimex'], [164, 'settimeofday'], [188, 'setxattr'],
    [190, 'fsetxattr'], [197, 'removexattr'], [227, 'clock_settime'], [257, 'openat'], [260, 'fchownat'],
    [263, 'unlinkat'], [266, 'symlinkat'], [268, 'fchmodat'], [313, 'finit_module'], [316, 'renameat2'],
    [437, 'openat2'], [305, 'clock_adjtime'], [87, 'unlink'], [94, 'lchown'], [175, 'init_module'], [176, 'delete_module'], [49, 'bind'], [46, 'sendmsg'],
    [62, 'kill'], [234, 'tgkill'], [129, 'rt_sigqueueinfo'], [105, 'setuid'],
  ]);

  archName(archHex: string): string | undefined {
    return archHex === 'c000003e' || archHex === 'x86_64' ? 'x86_64' : undefined;
  }

  syscallName(archHex: string, syscallNumber: number): string | undefined {
    return this.archName(archHex) === 'x86_64' ? TableSyscallNames.X86_64.get(syscallNumber) : undefined;
  }
}

export class TableUserDirectory implements UserDirectory {
  refreshes = 0;
  constructor(
    private readonly users: ReadonlyMap<number, string> = new Map([[0, 'root'], [1000, 'alice'], [65534, 'nobody']]),
    private readonly groups: ReadonlyMap<number, string> = new Map([[0, 'root'], [65534, 'nogroup']]),
  ) {}
  userName(uid: number): string | undefined {
    return this.users.get(uid);
  }
  groupName(gid: number): string | undefined {
    return this.groups.get(gid);
  }
  refresh(): void {
    this.refreshes++;
  }
}

/** pid → executable, learnt from SYSCALL records, as the real table does (without /proc). */
export class TableProcessTable implements ProcessTable {
  private readonly names = new Map<number, string>();
  constructor(initial: Iterable<readonly [number, string]> = []) {
    for (const [pid, name] of initial) this.names.set(pid, name);
  }
  observe(event: AuditEvent): void {
    for (const r of event.records) {
      if (r.type !== 'SYSCALL') continue;
      const pid = Number(r.fields.get('pid'));
      const exe = r.fields.get('exe') ?? r.fields.get('comm');
      if (Number.isInteger(pid) && exe !== undefined) this.names.set(pid, exe);
    }
  }
  processName(pid: number): string | undefined {
    return this.names.get(pid);
  }
}

/** A record built by hand: fields in order, optional ENRICHED tail. */
export function record(
  type: string,
  fields: Record<string, string>,
  enriched?: Record<string, string>,
  at: { node?: string; time?: string; serial?: number } = {},
): AuditRecord {
  return {
    node: at.node,
    type,
    time: at.time ?? '1795585824.730',
    serial: at.serial ?? 19909,
    fields: new Map(Object.entries(fields)),
    enriched: enriched === undefined ? undefined : new Map(Object.entries(enriched)),
  };
}

export function event(records: AuditRecord[], at: { node?: string; time?: string; serial?: number } = {}): AuditEvent {
  return { node: at.node, time: at.time ?? '1795585824.730', serial: at.serial ?? 19909, records };
}
