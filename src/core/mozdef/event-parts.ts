import type { AuditRecord } from '../audit/audit-record';
import { kernelField } from '../audit/parse-record';
import { auditdTypeName, isSyscallAuxiliary } from './record-types';

/** The records of one event, sorted by role in one pass. */
export interface EventParts {
  syscall: AuditRecord | undefined;
  /** An io_uring operation's record, which stands in for SYSCALL. */
  uringOp: AuditRecord | undefined;
  execve: AuditRecord[];
  cwd: AuditRecord | undefined;
  paths: AuditRecord[];
  sockaddr: AuditRecord | undefined;
  objPid: AuditRecord | undefined;
  /** First record that is not about a syscall (USER_*, LOGIN, AVC, ANOM_*...). */
  lead: AuditRecord | undefined;
  avcs: AuditRecord[];
  /** First `UNKNOWN[n]` record: leads only an event that has nothing better (an old auditd may
   * write PROCTITLE as `UNKNOWN[1327]`, which must not hide the SYSCALL's category); otherwise it is
   * an auxiliary like the others. */
  unknown: AuditRecord | undefined;
  /**
   * Records without a role of their own that tell something: syscall auxiliaries (KERN_MODULE,
   * NETFILTER_CFG, TIME_ADJNTPVAL, MMAP...), AVC_PATH, `UNKNOWN[n]` records, and the records that
   * could have led but came after the lead (a second AVC, SELINUX_ERR, a second OBJ_PID). Their fields
   * go into `details` under their type's name.
   */
  auxiliaries: AuditRecord[];
}

export function splitEvent(records: readonly AuditRecord[]): EventParts {
  const parts: EventParts = {
    syscall: undefined, uringOp: undefined, execve: [], cwd: undefined, paths: [], sockaddr: undefined, objPid: undefined,
    lead: undefined, avcs: [], unknown: undefined, auxiliaries: [],
  };
  for (const r of records) {
    switch (r.type) {
      case 'SYSCALL': parts.syscall ??= r; break;
      case 'URINGOP': parts.uringOp ??= r; break;
      case 'EXECVE': parts.execve.push(r); break;
      case 'CWD': parts.cwd ??= r; break;
      case 'PATH': parts.paths.push(r); break;
      case 'SOCKADDR': parts.sockaddr ??= r; break;
      case 'OBJ_PID':
        // A signal to several processes has an OBJ_PID per target.
        if (parts.objPid === undefined) parts.objPid = r;
        else parts.auxiliaries.push(r);
        break;
      case 'AVC': parts.avcs.push(r); takeLead(parts, r); break;
      // The path of an AVC's object; seen before its AVC in some logs, it must not lead.
      case 'AVC_PATH': parts.auxiliaries.push(r); break;
      default:
        if (isAppArmorType(r.type)) {
          parts.avcs.push(r);
          takeLead(parts, r);
        } else if (r.type.startsWith('UNKNOWN[')) {
          // A newer kernel's type that auditd 3.0.9 does not name, but we do (a Landlock denial), leads
          // as it would under its name.
          const name = auditdTypeName(r.type);
          if (name !== r.type && !isSyscallAuxiliary(name)) takeLead(parts, r);
          else {
            parts.unknown ??= r;
            if (tellsSomething(r)) parts.auxiliaries.push(r);
          }
        } else if (!isSyscallAuxiliary(r.type)) takeLead(parts, r);
        else if (tellsSomething(r)) parts.auxiliaries.push(r);
    }
  }
  if (parts.lead === undefined && parts.syscall === undefined && parts.uringOp === undefined) {
    // Nothing better: an UNKNOWN[n] record, else a record that came alone (SECCOMP, BPF, NETFILTER_CFG
    // are often written outside any syscall's event), unless EXECVE tells the command. Without any of
    // these, even a record that tells little alone (a PROCTITLE whose SYSCALL was lost) is better than none.
    parts.lead = parts.unknown ?? (parts.execve.length === 0 ? parts.auxiliaries[0] ?? records.find(isUntold) : undefined);
    const at = parts.lead === undefined ? -1 : parts.auxiliaries.indexOf(parts.lead);
    if (at >= 0) parts.auxiliaries.splice(at, 1);
  }
  return parts;
}

/** The first record that can lead an event leads it; the next ones (a second AVC...) are auxiliaries. */
function takeLead(parts: EventParts, record: AuditRecord): void {
  if (parts.lead === undefined) parts.lead = record;
  else parts.auxiliaries.push(record);
}

/**
 * Whether an auxiliary without a role is worth its fields. Not PROCTITLE: it can be stale, the command
 * comes from EXECVE. Not BPRM_FCAPS for a file without capabilities (`fver=0`): it repeats root's
 * capability sets on every exec by root.
 */
function tellsSomething(record: AuditRecord): boolean {
  // An older auditd names a newer kernel's types UNKNOWN[n]: UNKNOWN[1327] is a PROCTITLE.
  switch (auditdTypeName(record.type)) {
    case 'PROCTITLE': case 'EOE': return false;
    case 'BPRM_FCAPS': return kernelField(record, 'fver') !== '0';
    default: return true;
  }
}

/** A record left out beside others for telling little (PROCTITLE, BPRM_FCAPS of root), but not an EOE. */
function isUntold(record: AuditRecord): boolean {
  return record.type !== 'EOE' && !tellsSomething(record);
}

/**
 * The records of an event the formatter reads; the others need not travel to the formatting thread.
 * With a SYSCALL record, the auxiliaries that tell nothing are never read; without one, the first
 * record may name the event, so all are kept.
 */
export function recordsRead(records: readonly AuditRecord[]): readonly AuditRecord[] {
  if (!records.some((r) => r.type === 'SYSCALL')) return records;
  return records.filter(tellsSomething);
}

/**
 * AppArmor's own record types (1500-1507, kernels before 2.6.36 and old auditd names): the result
 * is in the type. Newer kernels write `type=AVC apparmor="DENIED"`.
 */
const APPARMOR_RESULTS: ReadonlyMap<string, string | undefined> = new Map([
  ['APPARMOR', undefined], ['APPARMOR_AUDIT', 'AUDIT'], ['APPARMOR_ALLOWED', 'ALLOWED'],
  ['APPARMOR_DENIED', 'DENIED'], ['APPARMOR_HINT', 'HINT'], ['APPARMOR_STATUS', 'STATUS'],
  ['APPARMOR_ERROR', 'ERROR'], ['APPARMOR_KILL', 'KILLED'],
  ['UNKNOWN[1500]', undefined], ['UNKNOWN[1501]', 'AUDIT'], ['UNKNOWN[1502]', 'ALLOWED'],
  ['UNKNOWN[1503]', 'DENIED'], ['UNKNOWN[1504]', 'HINT'], ['UNKNOWN[1505]', 'STATUS'],
  ['UNKNOWN[1506]', 'ERROR'], ['UNKNOWN[1507]', 'KILLED'],
]);
const APPARMOR_TYPES: ReadonlySet<string> = new Set(APPARMOR_RESULTS.keys());

/** AppArmor's own record types (`APPARMOR_DENIED`, `UNKNOWN[1503]`...); newer kernels write `AVC`. */
export function isAppArmorType(type: string): boolean {
  return APPARMOR_TYPES.has(type);
}

/** The first AppArmor record (SELinux AVCs have no `apparmor` field). */
export function firstAppArmor(avcs: readonly AuditRecord[]): AuditRecord | undefined {
  for (const avc of avcs) if (avc.fields.has('apparmor') || isAppArmorType(avc.type)) return avc;
  return undefined;
}

/** `DENIED`, `ALLOWED`, `AUDIT`...: the `apparmor` field, else what the record type says. */
export function appArmorResult(record: AuditRecord): string | undefined {
  return record.fields.get('apparmor') ?? APPARMOR_RESULTS.get(record.type);
}
