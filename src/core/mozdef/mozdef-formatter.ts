import type { AuditEvent } from '../audit/audit-event';
import type { AuditRecord } from '../audit/audit-record';
import type { ProcessTable } from '../interpret/process-table';
import type { SyscallNames } from '../interpret/syscall-names';
import type { UserDirectory } from '../interpret/user-directory';
import { AuditTimestamp } from './audit-timestamp';
import { DetailsBuilder } from './details-builder';
import { execveCommand } from './execve-command';
import type { EventFormatter } from './event-formatter';
import type { MozDefMessage } from './mozdef-message';
import { orderedPathItems, putPathItems } from './path-items';
import { isSyscallAuxiliary, isUserSpaceType, typeCategory } from './record-types';
import { socketFamily, socketProtocol, socketType } from './socket-names';
import { openWrites, syscallCategory } from './syscall-categories';

export interface MozDefFormatterOptions {
  /** `hostname` of every message (the host's FQDN unless configured). */
  readonly hostname: string;
  /** Our version, the second tag. */
  readonly version: string;
  /** Skip execve events without an EXECVE record (failed execs, PATH probing), as the C original did. */
  readonly ignoreEmptyExecve: boolean;
  /** Longest `details` value or summary, in UTF-16 code units, before it is cut with a marker. */
  readonly maxValueLength: number;
  /** `processid` of every message; defaults to our pid (fixed in tests). */
  readonly processId?: number;
}

/** The records of one event, sorted by role in one pass. */
interface EventParts {
  syscall: AuditRecord | undefined;
  execve: AuditRecord[];
  cwd: AuditRecord | undefined;
  paths: AuditRecord[];
  sockaddr: AuditRecord | undefined;
  objPid: AuditRecord | undefined;
  /** First record that is not about a syscall (USER_*, LOGIN, AVC, ANOM_*...). */
  lead: AuditRecord | undefined;
  avcs: AuditRecord[];
  /** First `UNKNOWN[n]` record: leads only an event that has nothing better (an old auditd may
   * write PROCTITLE as `UNKNOWN[1327]`, which must not hide the SYSCALL's category). */
  unknown: AuditRecord | undefined;
}

const UNSET_ID = '4294967295';
/** SYSCALL id fields → details keys; the names of the first two come from the ENRICHED tail or passwd. */
const SYSCALL_IDS = ['gid', 'euid', 'suid', 'fsuid', 'egid', 'sgid', 'fsgid'] as const;
/** Fields of a non-syscall lead record that have a details key of their own, or are noise in `details`. */
const LEAD_HANDLED: ReadonlySet<string> = new Set([
  'pid', 'ppid', 'uid', 'auid', 'ses', 'tty', 'terminal', 'exe', 'comm', 'key', 'cwd', 'cmd', 'msg',
]);
/** Details keys that a raw field of a lead record must not overwrite. */
const RESERVED_KEYS: ReadonlySet<string> = new Set([
  'auditserial', 'eventid', 'node', 'user', 'originaluid', 'originaluser', 'session', 'process',
  'processname', 'parentprocess', 'auditkey', 'command', 'path', 'syscall', 'success', 'exit',
]);
/** Fields left out of the generic summary (ids and context are in `details`). */
const SUMMARY_SKIP: ReadonlySet<string> = new Set([
  'pid', 'uid', 'auid', 'ses', 'subj', 'msg', 'hostname', 'addr', 'terminal', 'grantors',
]);

/**
 * Turns one correlated audit event into a MozDef message, compatible with the C original's
 * categories, summaries and `details` keys, without its losses (see DESIGN.md "MozDef message").
 * Also teaches the process table about the event, after naming the event's parent from it.
 */
export class MozDefFormatter implements EventFormatter {
  private readonly timestamp = new AuditTimestamp();
  private readonly tags: readonly string[];
  private readonly processId: number;

  constructor(
    private readonly options: MozDefFormatterOptions,
    private readonly syscalls: SyscallNames,
    private readonly users: UserDirectory,
    private readonly processes: ProcessTable,
  ) {
    this.tags = ['audisp-json', options.version, 'audit'];
    this.processId = options.processId ?? process.pid;
  }

  /** The message, or undefined when the event is deliberately skipped (`ignoreEmptyExecve`). */
  format(event: AuditEvent): MozDefMessage | undefined {
    const parts = splitEvent(event.records);
    const d = new DetailsBuilder(this.options.maxValueLength);
    d.put('auditserial', String(event.serial));
    d.put('eventid', `${event.node ?? this.options.hostname}:${event.time}:${event.serial}`);
    d.put('node', event.node);

    let head: { category: string; summary: string } | undefined;
    const apparmor = firstAppArmor(parts.avcs);
    if (apparmor !== undefined) {
      head = this.apparmor(apparmor, parts.avcs, d);
    } else if (parts.lead?.type === 'ANOM_PROMISCUOUS') {
      head = this.promiscuous(parts.lead, d);
    } else if (parts.lead !== undefined) {
      head = this.userSpaceOrOther(parts.lead, d);
    }
    if (parts.syscall !== undefined) {
      const syscallHead = this.syscall(parts, d);
      if (syscallHead === undefined) return undefined;
      head ??= syscallHead;
    }
    if (head === undefined) head = { category: 'audit', summary: event.records[0]?.type ?? 'empty event' };

    if (parts.syscall !== undefined) this.processes.observe(event);
    return {
      category: head.category,
      summary: d.cut(head.summary),
      severity: 'INFO',
      hostname: this.options.hostname,
      processid: this.processId,
      processname: 'audisp-json',
      timestamp: this.timestamp.format(event.time),
      tags: [...this.tags],
      details: d.details,
    };
  }

  /** Details of the SYSCALL record and its companions; the category from the syscall name. */
  private syscall(parts: EventParts, d: DetailsBuilder): { category: string; summary: string } | undefined {
    const sc = parts.syscall!;
    const f = sc.fields;
    const arch = f.get('arch');
    const number = Number(f.get('syscall'));
    const name =
      (arch !== undefined && Number.isInteger(number) ? this.syscalls.syscallName(arch, number) : undefined) ??
      (isUserSpaceType(sc.type) ? undefined : sc.enriched?.get('SYSCALL'));
    const archName = (arch !== undefined ? this.syscalls.archName(arch) : undefined) ?? sc.enriched?.get('ARCH');
    let category = name === undefined ? undefined : syscallCategory(name);
    if (category === 'read' && openWrites(name!, archName, f)) category = 'write';

    const execve = category === 'execve' ? execveCommand(parts.execve) : undefined;
    if (category === 'execve' && execve === undefined && this.options.ignoreEmptyExecve) return undefined;

    d.put('processname', f.get('comm'));
    d.put('process', f.get('exe'));
    d.put('pid', f.get('pid'));
    d.put('ppid', f.get('ppid'));
    const ppid = Number(f.get('ppid'));
    if (Number.isInteger(ppid)) d.put('parentprocess', this.processes.processName(ppid));
    d.put('auditkey', ruleKeys(f.get('key')));
    d.put('syscall', name ?? f.get('syscall'));
    d.put('success', f.get('success'));
    d.put('exit', f.get('exit'));
    this.putIdentity(sc, d);
    for (const key of SYSCALL_IDS) d.put(key, f.get(key));
    d.put('session', f.get('ses'));
    d.put('tty', f.get('tty'));
    d.put('cwd', parts.cwd?.fields.get('cwd'));
    if (execve !== undefined) d.put('command', execve.command);
    const items = orderedPathItems(parts.paths);
    putPathItems(items, d);
    this.putSockaddr(parts.sockaddr, d);
    if (parts.objPid !== undefined) {
      d.put('targetpid', parts.objPid.fields.get('opid'));
      d.put('targetprocess', parts.objPid.fields.get('ocomm'));
    }

    const path = items[0]?.fields.get('name');
    const target = path ?? (items[0]?.fields.get('inode') !== undefined ? `inode ${items[0].fields.get('inode')}` : '(no path)');
    switch (category) {
      case 'execve': {
        if (execve !== undefined) return { category, summary: `Execve: ${execve.command}` };
        const failed = f.get('success') === 'no' ? ` (failed, exit ${f.get('exit')})` : '';
        return { category, summary: `Execve: ${path ?? f.get('exe') ?? ''}${failed}` };
      }
      case 'write': return { category, summary: `Write: ${target}` };
      case 'read': return { category, summary: `Read: ${target}` };
      case 'attribute': return { category, summary: `Attribute: ${target}` };
      case 'chmod': return { category, summary: `Chmod: ${target}` };
      case 'chown': return { category, summary: `Chown: ${target}` };
      case 'ptrace': return { category, summary: 'Ptrace' };
      case 'time': return { category, summary: 'time has been modified' };
      case 'socket': {
        const domain = socketFamily(f.get('a0'));
        const type = socketType(f.get('a1'));
        d.put('domain', domain);
        d.put('type', type);
        d.put('protocol', socketProtocol(f.get('a2')));
        return { category, summary: `Socket: ${domain ?? '?'} ${type ?? '?'}` };
      }
      case 'listen': return { category, summary: `Listen: ${f.get('exe') ?? f.get('comm') ?? 'pid ' + f.get('pid')}` };
      default: {
        const label = name ?? `syscall ${f.get('syscall') ?? '?'}`;
        return { category: 'syscall', summary: path === undefined ? `Syscall: ${label}` : `Syscall: ${label} ${path}` };
      }
    }
  }

  /** `uid`/`user`, `originaluid`/`originaluser` of any record that has them. */
  private putIdentity(record: AuditRecord, d: DetailsBuilder): void {
    const uid = record.fields.get('uid');
    const auid = record.fields.get('auid');
    d.put('uid', uid);
    d.put('user', this.userName(record, uid, 'UID'));
    d.put('originaluid', auid);
    d.put('originaluser', this.userName(record, auid, 'AUID'));
  }

  /**
   * Kernel records: the ENRICHED tail, right for the host that produced them. User-space records
   * (their tail can be forged) and records without a tail: the local passwd database.
   */
  private userName(record: AuditRecord, id: string | undefined, enrichedKey: string): string | undefined {
    if (id === undefined || id === UNSET_ID || id === '-1') return undefined;
    if (record.enriched !== undefined && !isUserSpaceType(record.type)) {
      const name = record.enriched.get(enrichedKey);
      if (name !== undefined) return name === 'unset' || name.startsWith('unknown(') ? undefined : name;
    }
    const n = Number(id);
    return Number.isInteger(n) ? this.users.userName(n) : undefined;
  }

  private putSockaddr(record: AuditRecord | undefined, d: DetailsBuilder): void {
    if (record === undefined) return;
    const interpreted = isUserSpaceType(record.type) ? undefined : record.enriched?.get('SADDR');
    d.put('sockaddr', interpreted ?? record.fields.get('saddr'));
  }

  private promiscuous(lead: AuditRecord, d: DetailsBuilder): { category: string; summary: string } {
    const f = lead.fields;
    const dev = f.get('dev');
    const prom = Number(f.get('prom'));
    d.put('dev', dev);
    // The C original's key spellings, kept so existing MozDef rules still match.
    d.put('promiscious', f.get('prom'));
    d.put('old_promicious', f.get('old_prom'));
    this.putIdentity(lead, d);
    d.put('gid', f.get('gid'));
    d.put('session', f.get('ses'));
    return {
      category: 'promiscuous',
      summary: `Promisc: Interface ${dev ?? '?'} set promiscous ${prom ? 'on' : 'off'}`,
    };
  }

  /** AppArmor AVC, with the C original's `aa*` keys. */
  private apparmor(avc: AuditRecord, avcs: readonly AuditRecord[], d: DetailsBuilder): { category: string; summary: string } {
    const f = avc.fields;
    d.put('aaresult', f.get('apparmor'));
    d.put('aacoperation', f.get('operation')); // sic: the C original's key
    d.put('aaprofile', f.get('profile'));
    d.put('aacommand', f.get('comm'));
    d.put('processname', f.get('comm'));
    d.put('pid', f.get('pid'));
    const parent = Number(f.get('parent'));
    if (Number.isInteger(parent)) d.put('parentprocess', this.processes.processName(parent));
    d.put('aaerror', f.get('error'));
    d.put('aaname', f.get('name'));
    d.put('aasrcname', f.get('srcname'));
    d.put('aaflags', f.get('flags'));
    d.put('aarequested_mask', f.get('requested_mask'));
    d.put('aadenied_mask', f.get('denied_mask'));
    d.put('aapeer', f.get('peer'));
    let n = 2;
    for (const other of avcs) {
      if (other !== avc && other.fields.has('apparmor')) d.put(`aaname${n++}`, other.fields.get('name'));
    }
    const info = f.get('info');
    const summary =
      info ?? `AppArmor ${f.get('apparmor') ?? ''}: ${f.get('operation') ?? ''} ${f.get('name') ?? f.get('peer') ?? ''} (profile ${f.get('profile') ?? '?'})`;
    return { category: 'apparmor', summary };
  }

  /** USER_*, LOGIN, CONFIG_CHANGE, DAEMON_*, SELinux AVC, ANOM_*... : every field, generic summary. */
  private userSpaceOrOther(lead: AuditRecord, d: DetailsBuilder): { category: string; summary: string } {
    const f = lead.fields;
    d.put('pid', f.get('pid'));
    this.putIdentity(lead, d);
    d.put('session', f.get('ses'));
    d.put('tty', f.get('terminal') ?? f.get('tty'));
    d.put('process', f.get('exe'));
    d.put('processname', f.get('comm'));
    d.put('auditkey', ruleKeys(f.get('key')));
    d.put('cwd', f.get('cwd'));
    d.put('command', f.get('cmd'));
    // A LOGIN is about the new auid and session: keep them in its summary.
    const skip = lead.type === 'LOGIN' ? undefined : SUMMARY_SKIP;
    let summary = `${lead.type}:`;
    for (const [key, value] of f) {
      if (skip === undefined || !skip.has(key)) summary += ` ${key}=${value}`;
      if (LEAD_HANDLED.has(key)) continue;
      d.put(RESERVED_KEYS.has(key) ? `${lead.type.toLowerCase()}_${key}` : key, value);
    }
    return { category: typeCategory(lead.type), summary };
  }
}

function firstAppArmor(avcs: readonly AuditRecord[]): AuditRecord | undefined {
  for (const avc of avcs) if (avc.fields.has('apparmor')) return avc;
  return undefined;
}

/** A syscall matching rules with several keys carries them joined by 0x01: show them as `a,b`. */
function ruleKeys(key: string | undefined): string | undefined {
  return key !== undefined && key.includes('\x01') ? key.split('\x01').join(',') : key;
}

function splitEvent(records: readonly AuditRecord[]): EventParts {
  const parts: EventParts = {
    syscall: undefined, execve: [], cwd: undefined, paths: [], sockaddr: undefined, objPid: undefined,
    lead: undefined, avcs: [], unknown: undefined,
  };
  for (const r of records) {
    switch (r.type) {
      case 'SYSCALL': parts.syscall ??= r; break;
      case 'EXECVE': parts.execve.push(r); break;
      case 'CWD': parts.cwd ??= r; break;
      case 'PATH': parts.paths.push(r); break;
      case 'SOCKADDR': parts.sockaddr ??= r; break;
      case 'OBJ_PID': parts.objPid ??= r; break;
      case 'AVC': parts.avcs.push(r); parts.lead ??= r; break;
      default:
        if (r.type.startsWith('UNKNOWN[')) parts.unknown ??= r;
        else if (!isSyscallAuxiliary(r.type)) parts.lead ??= r;
    }
  }
  if (parts.lead === undefined && parts.syscall === undefined) parts.lead = parts.unknown;
  return parts;
}
