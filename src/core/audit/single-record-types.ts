/**
 * Record types that are always a whole event by themselves: the user-space message ranges
 * (1100-1299 incl. DAEMON_*, and 2100-2999) plus USER (1005). Names as auditd 3.0.9 lists them
 * (`ausearch -m help`, in numeric order), cut at USER_AUTH..DAEMON_ERR and ANOM_LOGIN_FAILURES..end.
 *
 * Kernel types such as CONFIG_CHANGE, AVC, ANOM_PROMISCUOUS or LOGIN are NOT here on purpose: the kernel
 * logs them standalone when the task has no audited syscall context, but inside one otherwise (real
 * captures show CONFIG_CHANGE + SYSCALL + SOCKADDR + PROCTITLE + EOE under one serial). Emitting them at
 * once would split such events, so they wait for EOE or end_of_event_timeout like every kernel record.
 */
const SINGLE_RECORD_TYPE_NAMES: readonly string[] = [
  'USER', 'USER_AUTH', 'USER_ACCT', 'USER_MGMT', 'CRED_ACQ', 'CRED_DISP',
  'USER_START', 'USER_END', 'USER_AVC', 'USER_CHAUTHTOK', 'USER_ERR', 'CRED_REFR',
  'USYS_CONFIG', 'USER_LOGIN', 'USER_LOGOUT', 'ADD_USER', 'DEL_USER', 'ADD_GROUP',
  'DEL_GROUP', 'DAC_CHECK', 'CHGRP_ID', 'TEST', 'TRUSTED_APP', 'USER_SELINUX_ERR',
  'USER_CMD', 'USER_TTY', 'CHUSER_ID', 'GRP_AUTH', 'SYSTEM_BOOT', 'SYSTEM_SHUTDOWN',
  'SYSTEM_RUNLEVEL', 'SERVICE_START', 'SERVICE_STOP', 'GRP_MGMT', 'GRP_CHAUTHTOK', 'MAC_CHECK',
  'ACCT_LOCK', 'ACCT_UNLOCK', 'USER_DEVICE', 'SOFTWARE_UPDATE', 'DAEMON_START', 'DAEMON_END',
  'DAEMON_ABORT', 'DAEMON_CONFIG', 'DAEMON_ROTATE', 'DAEMON_RESUME', 'DAEMON_ACCEPT', 'DAEMON_CLOSE',
  'DAEMON_ERR', 'ANOM_LOGIN_FAILURES', 'ANOM_LOGIN_TIME', 'ANOM_LOGIN_SESSIONS', 'ANOM_LOGIN_ACCT', 'ANOM_LOGIN_LOCATION',
  'ANOM_MAX_DAC', 'ANOM_MAX_MAC', 'ANOM_AMTU_FAIL', 'ANOM_RBAC_FAIL', 'ANOM_RBAC_INTEGRITY_FAIL', 'ANOM_CRYPTO_FAIL',
  'ANOM_ACCESS_FS', 'ANOM_EXEC', 'ANOM_MK_EXEC', 'ANOM_ADD_ACCT', 'ANOM_DEL_ACCT', 'ANOM_MOD_ACCT',
  'ANOM_ROOT_TRANS', 'ANOM_LOGIN_SERVICE', 'ANOM_LOGIN_ROOT', 'ANOM_ORIGIN_FAILURES', 'ANOM_SESSION', 'RESP_ANOMALY',
  'RESP_ALERT', 'RESP_KILL_PROC', 'RESP_TERM_ACCESS', 'RESP_ACCT_REMOTE', 'RESP_ACCT_LOCK_TIMED', 'RESP_ACCT_UNLOCK_TIMED',
  'RESP_ACCT_LOCK', 'RESP_TERM_LOCK', 'RESP_SEBOOL', 'RESP_EXEC', 'RESP_SINGLE', 'RESP_HALT',
  'RESP_ORIGIN_BLOCK', 'RESP_ORIGIN_BLOCK_TIMED', 'RESP_ORIGIN_UNBLOCK_TIMED', 'USER_ROLE_CHANGE', 'ROLE_ASSIGN', 'ROLE_REMOVE',
  'LABEL_OVERRIDE', 'LABEL_LEVEL_CHANGE', 'USER_LABELED_EXPORT', 'USER_UNLABELED_EXPORT', 'DEV_ALLOC', 'DEV_DEALLOC',
  'FS_RELABEL', 'USER_MAC_POLICY_LOAD', 'ROLE_MODIFY', 'USER_MAC_CONFIG_CHANGE', 'USER_MAC_STATUS', 'CRYPTO_TEST_USER',
  'CRYPTO_PARAM_CHANGE_USER', 'CRYPTO_LOGIN', 'CRYPTO_LOGOUT', 'CRYPTO_KEY_USER', 'CRYPTO_FAILURE_USER', 'CRYPTO_REPLAY_USER',
  'CRYPTO_SESSION', 'CRYPTO_IKE_SA', 'CRYPTO_IPSEC_SA', 'VIRT_CONTROL', 'VIRT_RESOURCE', 'VIRT_MACHINE_ID',
  'VIRT_INTEGRITY_CHECK', 'VIRT_CREATE', 'VIRT_DESTROY', 'VIRT_MIGRATE_IN', 'VIRT_MIGRATE_OUT',
];

const singleRecordTypes = new Set(SINGLE_RECORD_TYPE_NAMES);

/** True for a type that never shares its serial with other records (`UNKNOWN[n]` judged by n). */
export function isSingleRecordType(type: string): boolean {
  if (singleRecordTypes.has(type)) return true;
  if (type.startsWith('UNKNOWN[')) {
    const n = Number.parseInt(type.slice(8), 10);
    return (n >= 1100 && n <= 1299) || (n >= 2100 && n <= 2999);
  }
  return false;
}
