import type { AuditRecord } from '../audit/audit-record';
import type { RecordFields } from '../audit/field-list';

/**
 * The end of a summary for a syscall aimed at another process (ptrace, kill...): ` pid 300 (sleep)`
 * from the OBJ_PID record the kernel writes for it, else ` pid ` and `pidArgument`, then
 * ` (failed, exit -1)` when the call failed. `f`: the SYSCALL record's fields.
 */
export function targetProcessSuffix(f: Pick<RecordFields, 'get'>, objPid: AuditRecord | undefined, pidArgument: number | string | undefined): string {
  let suffix = '';
  const targetPid = objPid?.fields.get('opid') ?? pidArgument;
  if (targetPid !== undefined) suffix += ` pid ${targetPid}`;
  const targetName = objPid?.fields.get('ocomm');
  if (targetName !== undefined) suffix += ` (${targetName})`;
  return suffix + failureSuffix(f);
}

/** ` (failed, exit -1)` when the call failed, else nothing. */
export function failureSuffix(f: Pick<RecordFields, 'get'>): string {
  return f.get('success') === 'no' ? ` (failed, exit ${f.get('exit') ?? '?'})` : '';
}
