/**
 * Architectures that number errno values, signals and open(2) flags as asm-generic and x86 do (x86,
 * arm, aarch64, ppc, s390, riscv). Alpha, mips, parisc and sparc number them otherwise; an
 * architecture not named here (a name from auditd's ENRICHED tail) is not guessed at.
 */
const GENERIC_NUMBERING: ReadonlySet<string> = new Set([
  'x86_64', 'i386', 'aarch64', 'arm', 'armeb', 'ppc', 'ppc64', 'ppc64le', 's390', 's390x', 'riscv64',
]);

/** True when `arch` (its name) numbers errno values, signals and open flags the generic way. */
export function numbersAsGeneric(arch: string | undefined): boolean {
  return arch !== undefined && GENERIC_NUMBERING.has(arch);
}
