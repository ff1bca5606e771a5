import { AUDIT_ARCHES } from './audit-arch';
import type { SyscallNames } from './syscall-names';
import { SYSCALLS_AARCH64 } from './syscall-tables/aarch64';
import { SYSCALLS_ARM } from './syscall-tables/arm';
import { SYSCALLS_I386 } from './syscall-tables/i386';
import { NEWER_SYSCALLS, NEWER_SYSCALLS_FROM } from './syscall-tables/newer';
import { SYSCALLS_PPC } from './syscall-tables/ppc';
import { SYSCALLS_S390 } from './syscall-tables/s390';
import { SYSCALLS_S390X } from './syscall-tables/s390x';
import { SYSCALLS_X86_64 } from './syscall-tables/x86_64';

const TABLES: Record<string, string> = {
  x86_64: SYSCALLS_X86_64, i386: SYSCALLS_I386, aarch64: SYSCALLS_AARCH64, arm: SYSCALLS_ARM,
  ppc: SYSCALLS_PPC, s390: SYSCALLS_S390, s390x: SYSCALLS_S390X,
};

interface Arch {
  readonly name: string;
  readonly syscalls: readonly string[] | undefined;
}

/** A table of auditd's with the syscalls added since (NEWER_SYSCALLS) where it has none. */
function withNewer(syscalls: string[]): string[] {
  NEWER_SYSCALLS.forEach((name, i) => {
    if (!syscalls[NEWER_SYSCALLS_FROM + i]) syscalls[NEWER_SYSCALLS_FROM + i] = name;
  });
  return syscalls;
}

/**
 * Names from auditd's own tables and the syscalls added since, chosen by the record's `arch=` (never
 * the host's). Lookups are two map/array reads; tables are split once at start-up.
 */
export class TableSyscallNames implements SyscallNames {
  private readonly arches = new Map<string, Arch>();

  constructor() {
    for (const { code, name, table } of AUDIT_ARCHES) {
      const arch: Arch = { name, syscalls: table ? withNewer(TABLES[table].split(',')) : undefined };
      this.arches.set(code, arch);
      this.arches.set(code.toUpperCase(), arch);
      // Logs already interpreted by ausearch -i write the name instead of the code.
      this.arches.set(name, arch);
    }
  }

  archName(archHex: string): string | undefined {
    return this.arch(archHex)?.name;
  }

  syscallName(archHex: string, syscallNumber: number): string | undefined {
    const name = this.arch(archHex)?.syscalls?.[syscallNumber];
    return name === '' ? undefined : name;
  }

  private arch(code: string): Arch | undefined {
    return this.arches.get(code) ?? this.arches.get(code.toLowerCase().replace(/^0+/, ''));
  }
}
