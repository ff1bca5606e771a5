import { recordTypeName } from '../input/record-type-names';

/**
 * Record types as data: which are written by user space (their ENRICHED tail can be forged, see
 * DESIGN.md), which only accompany a SYSCALL record, and the MozDef category of the others.
 */

/** Types 1100-1299 and 2100-2999 (trusted applications, auditd itself, user-space anomalies and
 * responses, MAC and crypto, virt) plus USER (1005, `auditctl -m`), by auditd's names. */
const USER_SPACE_TYPES: ReadonlySet<string> = new Set([
  'USER', 'USER_AUTH', 'USER_ACCT', 'USER_MGMT', 'CRED_ACQ', 'CRED_DISP', 'USER_START', 'USER_END',
  'USER_AVC', 'USER_CHAUTHTOK', 'USER_ERR', 'CRED_REFR', 'USYS_CONFIG', 'USER_LOGIN', 'USER_LOGOUT',
  'ADD_USER', 'DEL_USER', 'ADD_GROUP', 'DEL_GROUP', 'DAC_CHECK', 'CHGRP_ID', 'TEST', 'TRUSTED_APP',
  'USER_SELINUX_ERR', 'USER_CMD', 'USER_TTY', 'CHUSER_ID', 'GRP_AUTH', 'SYSTEM_BOOT', 'SYSTEM_SHUTDOWN',
  'SYSTEM_RUNLEVEL', 'SERVICE_START', 'SERVICE_STOP', 'GRP_MGMT', 'GRP_CHAUTHTOK', 'MAC_CHECK',
  'ACCT_LOCK', 'ACCT_UNLOCK', 'USER_DEVICE', 'SOFTWARE_UPDATE',
  'DAEMON_START', 'DAEMON_END', 'DAEMON_ABORT', 'DAEMON_CONFIG', 'DAEMON_RECONFIG', 'DAEMON_ROTATE',
  'DAEMON_RESUME', 'DAEMON_ACCEPT', 'DAEMON_CLOSE', 'DAEMON_ERR',
  'ANOM_LOGIN_FAILURES', 'ANOM_LOGIN_TIME', 'ANOM_LOGIN_SESSIONS', 'ANOM_LOGIN_ACCT', 'ANOM_LOGIN_LOCATION',
  'ANOM_MAX_DAC', 'ANOM_MAX_MAC', 'ANOM_AMTU_FAIL', 'ANOM_RBAC_FAIL', 'ANOM_RBAC_INTEGRITY_FAIL',
  'ANOM_CRYPTO_FAIL', 'ANOM_ACCESS_FS', 'ANOM_EXEC', 'ANOM_MK_EXEC', 'ANOM_ADD_ACCT', 'ANOM_DEL_ACCT',
  'ANOM_MOD_ACCT', 'ANOM_ROOT_TRANS', 'ANOM_LOGIN_SERVICE', 'ANOM_LOGIN_ROOT', 'ANOM_ORIGIN_FAILURES',
  'ANOM_SESSION',
  'RESP_ANOMALY', 'RESP_ALERT', 'RESP_KILL_PROC', 'RESP_TERM_ACCESS', 'RESP_ACCT_REMOTE',
  'RESP_ACCT_LOCK_TIMED', 'RESP_ACCT_UNLOCK_TIMED', 'RESP_ACCT_LOCK', 'RESP_TERM_LOCK', 'RESP_SEBOOL',
  'RESP_EXEC', 'RESP_SINGLE', 'RESP_HALT', 'RESP_ORIGIN_BLOCK', 'RESP_ORIGIN_BLOCK_TIMED',
  'RESP_ORIGIN_UNBLOCK_TIMED',
  'USER_ROLE_CHANGE', 'ROLE_ASSIGN', 'ROLE_REMOVE', 'LABEL_OVERRIDE', 'LABEL_LEVEL_CHANGE',
  'USER_LABELED_EXPORT', 'USER_UNLABELED_EXPORT', 'DEV_ALLOC', 'DEV_DEALLOC', 'FS_RELABEL',
  'USER_MAC_POLICY_LOAD', 'ROLE_MODIFY', 'USER_MAC_CONFIG_CHANGE', 'USER_MAC_STATUS',
  'CRYPTO_TEST_USER', 'CRYPTO_PARAM_CHANGE_USER', 'CRYPTO_LOGIN', 'CRYPTO_LOGOUT', 'CRYPTO_KEY_USER',
  'CRYPTO_FAILURE_USER', 'CRYPTO_REPLAY_USER', 'CRYPTO_SESSION', 'CRYPTO_IKE_SA', 'CRYPTO_IPSEC_SA',
  'VIRT_CONTROL', 'VIRT_RESOURCE', 'VIRT_MACHINE_ID', 'VIRT_INTEGRITY_CHECK', 'VIRT_CREATE',
  'VIRT_DESTROY', 'VIRT_MIGRATE_IN', 'VIRT_MIGRATE_OUT',
]);

/**
 * `KERN_MODULE` → `kern_module`, the prefix of a record's fields in `details`; an older auditd's
 * `UNKNOWN[1334]` → `bpf`, and `UNKNOWN[1420]`, a number not known to us, → `unknown1420`.
 */
export function typePrefix(type: string): string {
  return auditdTypeName(type).toLowerCase().replace(/^unknown\[(\d+)\]$/, 'unknown$1');
}

/** `UNKNOWN[1327]` → 1327. */
function unknownTypeNumber(type: string): number | undefined {
  if (!type.startsWith('UNKNOWN[') || !type.endsWith(']')) return undefined;
  const n = Number(type.slice(8, -1));
  return Number.isInteger(n) ? n : undefined;
}

/**
 * The name a newer auditd gives a type that an older one wrote as `UNKNOWN[n]` (UNKNOWN[1327] →
 * PROCTITLE), from the kernel's stable numbers; other types as they are.
 */
export function auditdTypeName(type: string): string {
  if (type.charCodeAt(0) !== 85 /* U */) return type;
  const n = unknownTypeNumber(type);
  return n === undefined ? type : recordTypeName(n);
}

export function isUserSpaceType(type: string): boolean {
  if (USER_SPACE_TYPES.has(type)) return true;
  const n = unknownTypeNumber(type);
  return n !== undefined && (n === 1005 || (n >= 1100 && n <= 1299) || (n >= 2100 && n <= 2999));
}

/** Records that only describe a syscall; an event made of these takes its category from SYSCALL. */
const SYSCALL_AUXILIARY: ReadonlySet<string> = new Set([
  'SYSCALL', 'EXECVE', 'CWD', 'PATH', 'PROCTITLE', 'SOCKADDR', 'BPRM_FCAPS', 'OBJ_PID', 'EOE', 'MMAP',
  'FD_PAIR', 'IPC', 'IPC_SET_PERM', 'MQ_OPEN', 'MQ_SENDRECV', 'MQ_NOTIFY', 'MQ_GETSETATTR', 'SOCKETCALL',
  'CAPSET', 'KERN_MODULE', 'NETFILTER_CFG', 'TIME_ADJNTPVAL', 'TIME_INJOFFSET', 'OPENAT2', 'SECCOMP',
  'URINGOP', 'FANOTIFY', 'BPF',
]);

export function isSyscallAuxiliary(type: string): boolean {
  return SYSCALL_AUXILIARY.has(type);
}

/** Category of an event led by a record that is not about a syscall. */
const TYPE_CATEGORIES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['login', ['LOGIN', 'USER_LOGIN', 'USER_LOGOUT']],
  ['authentication', [
    'USER_AUTH', 'USER_ACCT', 'USER_CHAUTHTOK', 'USER_ERR', 'GRP_AUTH', 'CRED_ACQ', 'CRED_DISP', 'CRED_REFR',
  ]],
  ['session', ['USER_START', 'USER_END', 'USER_TTY', 'TTY']],
  ['command', ['USER_CMD']],
  ['account', [
    'ADD_USER', 'DEL_USER', 'ADD_GROUP', 'DEL_GROUP', 'USER_MGMT', 'GRP_MGMT', 'CHUSER_ID', 'CHGRP_ID',
    'GRP_CHAUTHTOK', 'ACCT_LOCK', 'ACCT_UNLOCK', 'USER_ROLE_CHANGE', 'ROLE_ASSIGN', 'ROLE_REMOVE',
  ]],
  ['auditconfig', ['CONFIG_CHANGE', 'USYS_CONFIG', 'FEATURE_CHANGE']],
  ['auditdaemon', [
    'DAEMON_START', 'DAEMON_END', 'DAEMON_ABORT', 'DAEMON_CONFIG', 'DAEMON_RECONFIG', 'DAEMON_ROTATE',
    'DAEMON_RESUME', 'DAEMON_ACCEPT', 'DAEMON_CLOSE', 'DAEMON_ERR',
  ]],
  ['avc', ['AVC', 'USER_AVC', 'SELINUX_ERR', 'USER_SELINUX_ERR', 'MAC_POLICY_LOAD', 'MAC_STATUS', 'USER_MAC_POLICY_LOAD']],
  ['landlock', ['LANDLOCK_ACCESS', 'LANDLOCK_DOMAIN']],
  ['system', ['SYSTEM_BOOT', 'SYSTEM_SHUTDOWN', 'SYSTEM_RUNLEVEL', 'SERVICE_START', 'SERVICE_STOP', 'SOFTWARE_UPDATE']],
  ['usermessage', ['USER', 'TRUSTED_APP']],
  // Syscall auxiliaries that often come alone, outside any syscall's event.
  ['seccomp', ['SECCOMP']],
  ['bpf', ['BPF']],
  ['netfilter', ['NETFILTER_CFG']],
  ['module', ['KERN_MODULE']],
  ['time', ['TIME_ADJNTPVAL', 'TIME_INJOFFSET']],
];

const CATEGORY_BY_TYPE: ReadonlyMap<string, string> = new Map(
  TYPE_CATEGORIES.flatMap(([category, types]) => types.map((type) => [type, category] as const)),
);

/** The category of a record type, by auditd's name for it (UNKNOWN[1334] is a BPF). */
export function typeCategory(recordType: string): string {
  const type = auditdTypeName(recordType);
  const category = CATEGORY_BY_TYPE.get(type);
  if (category !== undefined) return category;
  if (type.startsWith('ANOM_')) return 'anomaly';
  if (type.startsWith('VIRT_')) return 'virt';
  if (type.startsWith('CRYPTO_')) return 'crypto';
  return 'audit';
}
