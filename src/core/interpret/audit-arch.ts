/**
 * The kernel's AUDIT_ARCH_* codes (linux/audit.h: ELF machine | 64-bit 0x80000000 | little-endian
 * 0x40000000) as written in `arch=`, lowercase hex without leading zeros, and the table each uses
 * (auditd uses one table for ppc, ppc64 and ppc64le).
 */
export const AUDIT_ARCHES: ReadonlyArray<{ readonly code: string; readonly name: string; readonly table?: string }> = [
  { code: 'c000003e', name: 'x86_64', table: 'x86_64' },
  { code: '40000003', name: 'i386', table: 'i386' },
  { code: 'c00000b7', name: 'aarch64', table: 'aarch64' },
  { code: '40000028', name: 'arm', table: 'arm' },
  { code: '28', name: 'armeb', table: 'arm' },
  { code: '14', name: 'ppc', table: 'ppc' },
  { code: '80000015', name: 'ppc64', table: 'ppc' },
  { code: 'c0000015', name: 'ppc64le', table: 'ppc' },
  { code: '16', name: 's390', table: 's390' },
  { code: '80000016', name: 's390x', table: 's390x' },
  // auditd 3.0.9's ausyscall has no riscv table: the arch is named, its syscalls are not.
  { code: 'c00000f3', name: 'riscv64' },
];
