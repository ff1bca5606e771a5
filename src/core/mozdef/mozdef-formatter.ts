import type { AuditEvent } from '../audit/audit-event';
import type { AuditRecord } from '../audit/audit-record';
import { kernelField } from '../audit/parse-record';
import { errnoName } from '../interpret/errno-names';
import { ioUringOpName } from '../interpret/io-uring-ops';
import type { SyscallNames } from '../interpret/syscall-names';
import type { UserDirectory } from '../interpret/user-directory';
import { AuditTimestamp } from './audit-timestamp';
import { putAuxiliaryFields } from './auxiliary-fields';
import { type DetailKey, KEY } from './detail-key';
import { DetailsBuilder } from './details-builder';
import type { EventFormatter } from './event-formatter';
import { type EventParts, firstAppArmor, splitEvent } from './event-parts';
import { execveCommand } from './execve-command';
import { IdentityNames } from './identity-names';
import { appArmorHead, type Head, otherHead, promiscuousHead } from './lead-records';
import { jsonString } from './json-string';
import { putNewAttributes } from './new-attributes';
import type { OutboundMessage } from '../../sinks/sink';
import { orderedPathItems, putPathItems } from './path-items';
import { isUserSpaceType } from './record-types';
import { ruleKeys } from './rule-keys';
import { socketFamily, socketProtocol, socketType } from './socket-names';
import { socketAddress } from '../interpret/socket-address';
import { openWrites, syscallCategory } from './syscall-categories';
import { ptraceHead } from './ptrace-head';
import { signalHead } from './signal-head';
import { socketcallOf } from './socketcall';
import { syscallHead } from './syscall-head';
import { timeHead } from './time-head';

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

/** SYSCALL id fields, details keys of the same names (uid and auid have names too: IdentityNames). */
const SYSCALL_IDS = [KEY.gid, KEY.euid, KEY.suid, KEY.fsuid, KEY.egid, KEY.sgid, KEY.fsgid];

/** A syscall's first four arguments, as the kernel writes them (hex), under their own names. */
const ARGUMENT_KEYS = [KEY.a0, KEY.a1, KEY.a2, KEY.a3];

/**
 * Turns one correlated audit event into a MozDef message, compatible with the C original's
 * categories, summaries and `details` keys, without its losses (see DESIGN.md "MozDef message").
 * Keeps no state across events (parent names come with the event, see ProcessNamer), so any thread
 * may format any event.
 */
export class MozDefFormatter implements EventFormatter {
  private readonly timestamp = new AuditTimestamp();
  /** The JSON between `severity` and `timestamp`, the same in every message. */
  private readonly middleJson: string;
  private readonly tagsJson: string;
  private readonly names: IdentityNames;
  private readonly categoriesJson = new Map<string, string>();

  constructor(
    private readonly options: MozDefFormatterOptions,
    private readonly syscalls: SyscallNames,
    users: UserDirectory,
  ) {
    this.middleJson = `"severity":"INFO","hostname":${jsonString(options.hostname)},"processid":${options.processId ?? process.pid},"processname":"audisp-json"`;
    this.tagsJson = JSON.stringify(['audisp-json', options.version, 'audit']);
    this.names = new IdentityNames(users);
  }

  /**
   * The message, or undefined when the event is deliberately skipped (`ignoreEmptyExecve`: an exec
   * without its EXECVE record and nothing else to tell).
   */
  format(event: AuditEvent): OutboundMessage | undefined {
    const parts = splitEvent(event.records);
    const d = new DetailsBuilder(this.options.maxValueLength);
    const eventId = `${event.node ?? this.options.hostname}:${event.time}:${event.serial}`;
    d.put(KEY.auditserial, String(event.serial));
    d.put(KEY.eventid, eventId);
    d.put(KEY.node, event.node);

    // SYSCALL first: its values are the kernel's, while a user-space message's text is whatever the
    // sender wrote (`euid=0`, `key=...`), so on a clash the lead record's field gets a prefixed key.
    let fallback: Head;
    if (parts.syscall !== undefined) {
      const syscallHead = this.syscall(parts, event.processNames, d);
      if (syscallHead === undefined) return undefined;
      fallback = syscallHead;
    } else if (parts.uringOp !== undefined) {
      fallback = this.uringOp(parts, event.processNames, d);
    } else {
      // No SYSCALL (lost, or a partial log): still say what the other records tell.
      const execve = execveCommand(parts.execve);
      const path = this.putCompanions(parts, execve?.command, d)?.fields.get('name') ?? socketEndpoint(parts.sockaddr);
      const type = event.records[0]?.type ?? 'empty event';
      fallback = execve !== undefined
        ? { category: 'execve', summary: `Execve: ${execve.command}` }
        : { category: 'audit', summary: path === undefined ? type : `${type}: ${path}` };
    }

    let head = fallback;
    const apparmor = firstAppArmor(parts.avcs);
    if (apparmor !== undefined) {
      head = appArmorHead(apparmor, parts.avcs, d, event.processNames);
    } else if (parts.lead?.type === 'ANOM_PROMISCUOUS') {
      head = promiscuousHead(parts.lead, d, this.names);
    } else if (parts.lead !== undefined) {
      // A seccomp action tells the syscall it caught as SYSCALL does, by arch and number.
      if (parts.lead.type === 'SECCOMP') d.put(KEY.syscall, this.syscallName(parts.lead));
      head = otherHead(parts.lead, d, this.names);
    }

    if (parts.auxiliaries.length > 0) {
      // An AppArmor head already named the event's other AppArmor records (aaname2...).
      const auxiliaries = apparmor === undefined ? parts.auxiliaries : parts.auxiliaries.filter((r) => !parts.avcs.includes(r));
      putAuxiliaryFields(auxiliaries, [parts.lead, parts.objPid], d);
    }

    // The MozDefMessage fields, in its order.
    const json = `{"category":${this.categoryJson(head.category)},"summary":${jsonString(d.cut(head.summary))},${this.middleJson},`
      + `"timestamp":${this.timestamp.json(event.time)},"tags":${this.tagsJson},"details":${d.json()}}`;
    return { id: eventId, category: head.category, hostname: this.options.hostname, time: Number(event.time), json };
  }

  /** Categories are a few dozen names of ours: encoded once each. */
  private categoryJson(category: string): string {
    let json = this.categoriesJson.get(category);
    if (json === undefined) this.categoriesJson.set(category, (json = jsonString(category)));
    return json;
  }

  /**
   * The name of a record's `syscall` for its `arch`, else what its ENRICHED tail says, else the field
   * itself when it is a name already (a log interpreted by `ausearch -i`); the last two for kernel
   * records only.
   */
  private syscallName(record: AuditRecord, arch = record.fields.get('arch')): string | undefined {
    const raw = record.fields.get('syscall');
    const number = Number(raw);
    return (arch !== undefined && Number.isInteger(number) ? this.syscalls.syscallName(arch, number) : undefined) ??
      (isUserSpaceType(record.type) ? undefined : record.enriched?.get('SYSCALL') ?? interpretedName(raw));
  }

  /** Details of the SYSCALL record and its companions; the category from the syscall name. */
  private syscall(parts: EventParts, processNames: ReadonlyMap<number, string> | undefined, d: DetailsBuilder): Head | undefined {
    const sc = parts.syscall!;
    const f = sc.fields;
    const arch = f.get('arch');
    const name = this.syscallName(sc, arch);
    const archName = (arch !== undefined ? this.syscalls.archName(arch) : undefined) ?? sc.enriched?.get('ARCH');
    // From here on the operation: a socketcall's is the one it made, with that operation's arguments.
    const socketcall = name === 'socketcall' ? socketcallOf(f, parts.auxiliaries) : undefined;
    const operation = socketcall?.call ?? name;
    const args = socketcall?.fields ?? f;
    let category = operation === undefined ? undefined : syscallCategory(operation);
    const how = operation === 'openat2' ? openHow(parts)?.fields : undefined;
    if (category === 'read' && openWrites(operation!, archName, args, how)) category = 'write';

    const execve = category === 'execve' ? execveCommand(parts.execve) : undefined;
    // Skipped only when the exec is all the event says: a denial (AVC, AppArmor) or another record
    // that leads it makes it the denial's message, whatever became of the exec.
    const skip = category === 'execve' && execve === undefined && this.options.ignoreEmptyExecve && parts.lead === undefined;
    if (skip) return undefined;

    this.putProcess(sc, f.get('comm'), KEY.syscall, name ?? f.get('syscall'), processNames, d);
    d.put(KEY.errno, errnoName(f.get('exit'), archName));
    d.put(KEY.socketcall, socketcall?.call);
    const first = this.putCompanions(parts, execve?.command, d);
    if (category === 'chmod' || category === 'chown') putNewAttributes(operation!, args, d);
    if (category === 'socket') {
      d.put(KEY.domain, socketFamily(args.get('a0')));
      d.put(KEY.type, socketType(args.get('a1')));
      d.put(KEY.protocol, socketProtocol(args.get('a2')));
    }
    if (category === 'time') return timeHead(operation!, args, parts.auxiliaries);
    if (category === 'ptrace') return ptraceHead(args, parts.objPid, d);
    if (category === undefined) {
      // Outside the C original's categories: the raw arguments tell what the call was asked to do.
      for (const key of ARGUMENT_KEYS) d.put(key, args.get(key.name));
      const signal = operation === undefined ? undefined : signalHead(operation, args, parts, archName, d);
      if (signal !== undefined) return signal;
    }
    // A generic syscall without a path is told by its socket address, if it has one.
    const path = first?.fields.get('name') ?? (category === undefined ? socketEndpoint(parts.sockaddr) : undefined);
    const head = syscallHead(category, operation, args, path, first?.fields.get('inode'), execve?.command);
    return socketcall === undefined ? head : { category: head.category, summary: `${head.summary} (socketcall)` };
  }

  /**
   * An io_uring operation: the kernel writes URINGOP in place of SYSCALL, with `uring_op` for the
   * syscall and no arch, comm, exe, auid, ses or tty. Its details are the SYSCALL's it has, `uringop`
   * (the operation's name) and the companions; the category is the one of the syscall it stands for,
   * so that rules on `write` see an unlinkat done through io_uring, and the summary says io_uring.
   */
  private uringOp(parts: EventParts, processNames: ReadonlyMap<number, string> | undefined, d: DetailsBuilder): Head {
    const op = parts.uringOp!;
    const f = op.fields;
    const number = f.get('uring_op');
    const name = ioUringOpName(number);
    // No comm or exe in the record: the process as earlier events showed it (ProcessNamer).
    this.putProcess(op, processNames?.get(Number(f.get('pid'))), KEY.uringop, name ?? number, processNames, d);
    const first = this.putCompanions(parts, undefined, d);
    const path = first?.fields.get('name') ?? socketEndpoint(parts.sockaddr);
    const category = name === undefined ? undefined : syscallCategory(name);
    if (category === undefined) {
      return { category: 'io_uring', summary: `io_uring ${name ?? `op ${number ?? '?'}`}${path === undefined ? '' : ` ${path}`}` };
    }
    const head = syscallHead(category, name, f, path, first?.fields.get('inode'), undefined);
    return { category: head.category, summary: `${head.summary} (io_uring)` };
  }

  /**
   * The process, its parent, its key, the operation (`syscall` or `uringop`), its result, ids and
   * security context from a SYSCALL or URINGOP record, in the C original's order (a URINGOP has no
   * exe, ses or tty).
   */
  private putProcess(
    record: AuditRecord,
    processName: string | undefined,
    operationKey: DetailKey,
    operation: string | undefined,
    processNames: ReadonlyMap<number, string> | undefined,
    d: DetailsBuilder,
  ): void {
    const f = record.fields;
    d.put(KEY.processname, processName);
    d.put(KEY.process, f.get('exe'));
    d.put(KEY.pid, f.get('pid'));
    d.put(KEY.ppid, f.get('ppid'));
    d.put(KEY.parentprocess, processNames?.get(Number(f.get('ppid'))));
    d.put(KEY.auditkey, ruleKeys(f.get('key')));
    d.put(operationKey, operation);
    d.put(KEY.success, f.get('success'));
    d.put(KEY.exit, f.get('exit'));
    this.names.put(record, d);
    for (const key of SYSCALL_IDS) d.put(key, f.get(key.name));
    d.put(KEY.session, f.get('ses'));
    d.put(KEY.tty, f.get('tty'));
    // The security context (SELinux's domain, AppArmor's profile); `?` when the LSMs are stacked.
    const subj = f.get('subj');
    if (subj !== '?') d.put(KEY.subj, subj);
  }

  /** CWD, the command, PATH items, SOCKADDR and OBJ_PID; returns the first PATH item. */
  private putCompanions(parts: EventParts, command: string | undefined, d: DetailsBuilder): AuditRecord | undefined {
    d.put(KEY.cwd, parts.cwd?.fields.get('cwd'));
    d.put(KEY.command, command);
    const items = orderedPathItems(parts.paths);
    putPathItems(items, d);
    const sockaddr = parts.sockaddr;
    if (sockaddr !== undefined) {
      // auditd's words when the feed has them, the same words of ours when not (RAW), else the hex.
      const interpreted = isUserSpaceType(sockaddr.type) ? undefined : sockaddr.enriched?.get('SADDR');
      if (interpreted !== undefined) d.put(KEY.sockaddr, interpreted);
      else {
        const saddr = kernelField(sockaddr, 'saddr');
        d.put(KEY.sockaddr, socketAddress(saddr)?.words ?? saddr);
      }
    }
    if (parts.objPid !== undefined) {
      d.put(KEY.targetpid, parts.objPid.fields.get('opid'));
      d.put(KEY.targetprocess, parts.objPid.fields.get('ocomm'));
    }
    return items[0];
  }
}

/** `169.254.169.254:80` for a summary (`connect 169.254.169.254:80`), read from the kernel's hex whatever the feed's format. */
function socketEndpoint(sockaddr: AuditRecord | undefined): string | undefined {
  // Read in place: the record's other fields are not needed (a unix socket's saddr is long hex).
  return sockaddr === undefined ? undefined : socketAddress(kernelField(sockaddr, 'saddr'))?.endpoint;
}

/** A syscall field that holds a name (`execve`), as interpreted logs write it. */
function interpretedName(value: string | undefined): string | undefined {
  return value !== undefined && /^[a-z_][a-z0-9_]*$/.test(value) ? value : undefined;
}

/** The OPENAT2 record of an openat2's event: its flags. */
function openHow(parts: EventParts): AuditRecord | undefined {
  return parts.auxiliaries.find((r) => r.type === 'OPENAT2');
}
