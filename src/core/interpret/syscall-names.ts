/** Syscall and architecture names from the record's own `arch=` code (never the host's). */
export interface SyscallNames {
  /** `c000003e` → `x86_64`; undefined when unknown. Accepts already-interpreted names (`x86_64`). */
  archName(archHex: string): string | undefined;
  /** `('c000003e', 59)` → `execve`; undefined when the arch or number is unknown. */
  syscallName(archHex: string, syscallNumber: number): string | undefined;
}
