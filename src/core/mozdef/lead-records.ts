import type { AuditRecord } from '../audit/audit-record';
import { detailKey, KEY } from './detail-key';
import type { DetailsBuilder } from './details-builder';
import { appArmorResult } from './event-parts';
import type { IdentityNames } from './identity-names';
import { auditdTypeName, typeCategory, typePrefix } from './record-types';
import { ruleKeys } from './rule-keys';

/**
 * Events led by a record that is not about a syscall: ANOM_PROMISCUOUS and AppArmor AVC as the
 * C original wrote them (it emitted neither in practice), everything else (USER_*, LOGIN,
 * CONFIG_CHANGE, DAEMON_*, SELinux AVC, ANOM_*...) with every field and a generic summary.
 */
export interface Head {
  readonly category: string;
  readonly summary: string;
}

/** Fields of a non-syscall lead record that have a details key of their own, or are noise in `details`. */
const LEAD_HANDLED: ReadonlySet<string> = new Set([
  'pid', 'ppid', 'uid', 'auid', 'ses', 'tty', 'terminal', 'exe', 'comm', 'key', 'cwd', 'cmd', 'msg',
]);
/** Details keys a raw field of a lead record never takes, even when they are still free. */
const RESERVED_KEYS: ReadonlySet<string> = new Set([
  'auditserial', 'eventid', 'node', 'user', 'originaluid', 'originaluser', 'session', 'process',
  'processname', 'parentprocess', 'auditkey', 'command', 'path', 'syscall', 'uringop', 'success', 'exit',
]);
/** Fields left out of the generic summary (ids and context are in `details`). */
const SUMMARY_SKIP: ReadonlySet<string> = new Set([
  'pid', 'uid', 'auid', 'ses', 'subj', 'msg', 'hostname', 'addr', 'terminal', 'grantors',
]);

/** ANOM_PROMISCUOUS, with the C original's summary (spelling included) and keys. */
export function promiscuousHead(lead: AuditRecord, d: DetailsBuilder, names: IdentityNames): Head {
  const f = lead.fields;
  const dev = f.get('dev');
  const prom = Number(f.get('prom'));
  d.put(KEY.dev, dev);
  // The C original's key spellings, kept so existing MozDef rules still match.
  d.put(KEY.promiscious, f.get('prom'));
  d.put(KEY.old_promicious, f.get('old_prom'));
  names.put(lead, d);
  d.put(KEY.gid, f.get('gid'));
  d.put(KEY.session, f.get('ses'));
  return {
    category: 'promiscuous',
    summary: `Promisc: Interface ${dev ?? '?'} set promiscous ${prom ? 'on' : 'off'}`,
  };
}

/** Fields of an AppArmor record that appArmorHead puts under a key of the C original, or in the summary. */
const APPARMOR_HANDLED: ReadonlySet<string> = new Set([
  'apparmor', 'operation', 'profile', 'comm', 'pid', 'parent', 'error', 'name', 'srcname', 'flags',
  'requested_mask', 'denied_mask', 'peer', 'info', 'msg',
]);

/**
 * AppArmor AVC, with the C original's `aa*` keys; its other fields (a network denial's family,
 * addresses and ports, a signal's target, fsuid, ouid...) get the same prefix: `aalport`, `aatarget`.
 */
export function appArmorHead(
  avc: AuditRecord,
  avcs: readonly AuditRecord[],
  d: DetailsBuilder,
  processNames: ReadonlyMap<number, string> | undefined,
): Head {
  const f = avc.fields;
  d.put(KEY.aaresult, appArmorResult(avc));
  d.put(KEY.aacoperation, f.get('operation')); // sic: the C original's key
  d.put(KEY.aaprofile, f.get('profile'));
  d.put(KEY.aacommand, f.get('comm'));
  d.put(KEY.processname, f.get('comm'));
  d.put(KEY.pid, f.get('pid'));
  d.put(KEY.ppid, f.get('parent'));
  d.put(KEY.parentprocess, processNames?.get(Number(f.get('parent'))));
  d.put(KEY.aaerror, f.get('error'));
  d.put(KEY.aaname, f.get('name'));
  d.put(KEY.aasrcname, f.get('srcname'));
  d.put(KEY.aaflags, f.get('flags'));
  d.put(KEY.aarequested_mask, f.get('requested_mask'));
  d.put(KEY.aadenied_mask, f.get('denied_mask'));
  d.put(KEY.aapeer, f.get('peer'));
  let n = 2;
  for (const other of avcs) {
    if (other !== avc && appArmorResult(other) !== undefined) d.putNamed(`aaname${n++}`, other.fields.get('name'));
  }
  for (const [key, value] of f) {
    if (APPARMOR_HANDLED.has(key)) continue;
    // A field such as name2 must not take the key of the next record's name (aaname2).
    const detail = detailKey(`aa${key}`);
    if (d.has(detail)) d.putNamed(`aa_${key}`, value);
    else d.put(detail, value);
  }
  // Kernels before 2.6.36 wrote prose (`text`) instead of fields.
  const info = f.get('info') ?? f.get('text');
  const summary =
    info ?? `AppArmor ${appArmorResult(avc) ?? ''}: ${f.get('operation') ?? ''} ${f.get('name') ?? f.get('peer') ?? ''} (profile ${f.get('profile') ?? '?'})`;
  return { category: 'apparmor', summary };
}

/** USER_*, LOGIN, CONFIG_CHANGE, DAEMON_*, SELinux AVC, ANOM_*... : every field, generic summary. */
export function otherHead(lead: AuditRecord, d: DetailsBuilder, names: IdentityNames): Head {
  const f = lead.fields;
  d.put(KEY.pid, f.get('pid'));
  names.put(lead, d);
  d.put(KEY.session, f.get('ses'));
  d.put(KEY.tty, f.get('terminal') ?? f.get('tty'));
  d.put(KEY.process, f.get('exe'));
  d.put(KEY.processname, f.get('comm'));
  // An AVC's key is the IPC object's id (fieldSyntax): a field like any other, not a rule's key.
  const ipcKey = lead.type === 'AVC';
  if (!ipcKey) d.put(KEY.auditkey, ruleKeys(f.get('key')));
  d.put(KEY.cwd, f.get('cwd'));
  d.put(KEY.command, f.get('cmd'));
  // A LOGIN is about the new auid and session: keep them in its summary.
  const skip = lead.type === 'LOGIN' ? undefined : SUMMARY_SKIP;
  // By auditd's name (UNKNOWN[1423] is LANDLOCK_ACCESS): the same event says the same whatever auditd wrote it.
  const type = auditdTypeName(lead.type);
  let summary = `${type}:`;
  for (const [key, value] of f) {
    if (skip === undefined || !skip.has(key)) summary += ` ${key}=${value}`;
    if (LEAD_HANDLED.has(key) && !(ipcKey && key === 'key')) continue;
    const detail = detailKey(key);
    // The SYSCALL record may have said the same (a LOGIN's subj): once is enough.
    if (d.valueOf(detail) === value) continue;
    if (RESERVED_KEYS.has(key) || d.has(detail)) d.putNamed(`${typePrefix(lead.type)}_${key}`, value);
    else d.put(detail, value);
  }
  return { category: typeCategory(lead.type), summary: summary.endsWith(':') ? type : summary };
}
