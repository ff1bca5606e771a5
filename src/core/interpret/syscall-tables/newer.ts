/**
 * Syscalls added after auditd 3.0.9's tables (Linux 6.5 to 6.17), from 451 on. Since Linux 5.1 new
 * syscalls take the same number on every architecture (scripts/syscall.tbl, arch/x86's tables), so
 * one list serves them all. Some exist only where the arch supports them (map_shadow_stack, 453):
 * elsewhere they are never seen.
 */
export const NEWER_SYSCALLS_FROM = 451;
export const NEWER_SYSCALLS: readonly string[] = [
  'cachestat', 'fchmodat2', 'map_shadow_stack', 'futex_wake', 'futex_wait', 'futex_requeue', 'statmount',
  'listmount', 'lsm_get_self_attr', 'lsm_set_self_attr', 'lsm_list_modules', 'mseal', 'setxattrat',
  'getxattrat', 'listxattrat', 'removexattrat', 'open_tree_attr', 'file_getattr', 'file_setattr',
];
