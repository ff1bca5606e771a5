import type { AuditEvent } from '../audit/audit-event';
import type { AuditRecord } from '../audit/audit-record';
import type { SyscallNames } from '../interpret/syscall-names';
import type { UserDirectory } from '../interpret/user-directory';
import { AuditTimestamp } from './audit-timestamp';
import { KEY } from './detail-key';
import { DetailsBuilder } from './details-builder';
import type { EventFormatter } from './event-formatter';
import { type EventParts, firstAppArmor, splitEvent } from './event-parts';
import { execveCommand } from './execve-command';
import { IdentityNames } from './identity-names';
import { appArmorHead, type Head, otherHead, promiscuousHead } from './lead-records';
import { jsonString } from './json-string';
import type { OutboundMessage } from '../../sinks/sink';
import { orderedPathItems, putPathItems } from './path-items';
import { isUserSpaceType } from './record-types';
import { ruleKeys } from './rule-keys';
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

/** SYSCALL id fields, details keys of the same names (uid and auid have names too: IdentityNames). */
const SYSCALL_IDS = [KEY.gid, KEY.euid, KEY.suid, KEY.fsuid, KEY.egid, KEY.sgid, KEY.fsgid];

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

  /** The message, or undefined when the event is deliberately skipped (`ignoreEmptyExecve`). */
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
    } else {
      // No SYSCALL (lost, or a partial log): still say what the other records tell.
      const execve = execveCommand(parts.execve);
      const path = this.putCompanions(parts, execve?.command, d)?.fields.get('name');
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
      head = otherHead(parts.lead, d, this.names);
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

  /** Details of the SYSCALL record and its companions; the category from the syscall name. */
  private syscall(parts: EventParts, processNames: ReadonlyMap<number, string> | undefined, d: DetailsBuilder): Head | undefined {
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

    d.put(KEY.processname, f.get('comm'));
    d.put(KEY.process, f.get('exe'));
    d.put(KEY.pid, f.get('pid'));
    d.put(KEY.ppid, f.get('ppid'));
    const ppid = Number(f.get('ppid'));
    d.put(KEY.parentprocess, processNames?.get(ppid));
    d.put(KEY.auditkey, ruleKeys(f.get('key')));
    d.put(KEY.syscall, name ?? f.get('syscall'));
    d.put(KEY.success, f.get('success'));
    d.put(KEY.exit, f.get('exit'));
    this.names.put(sc, d);
    for (const key of SYSCALL_IDS) d.put(key, f.get(key.name));
    d.put(KEY.session, f.get('ses'));
    d.put(KEY.tty, f.get('tty'));
    const first = this.putCompanions(parts, execve?.command, d);
    const path = first?.fields.get('name');
    const inode = first?.fields.get('inode');
    const target = path ?? (inode !== undefined ? `inode ${inode}` : '(no path)');
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
        d.put(KEY.domain, domain);
        d.put(KEY.type, type);
        d.put(KEY.protocol, socketProtocol(f.get('a2')));
        return { category, summary: `Socket: ${domain ?? '?'} ${type ?? '?'}` };
      }
      case 'listen': return { category, summary: `Listen: ${f.get('exe') ?? f.get('comm') ?? 'pid ' + f.get('pid')}` };
      default: {
        const label = name ?? `syscall ${f.get('syscall') ?? '?'}`;
        return { category: 'syscall', summary: path === undefined ? `Syscall: ${label}` : `Syscall: ${label} ${path}` };
      }
    }
  }

  /** CWD, the command, PATH items, SOCKADDR and OBJ_PID; returns the first PATH item. */
  private putCompanions(parts: EventParts, command: string | undefined, d: DetailsBuilder): AuditRecord | undefined {
    d.put(KEY.cwd, parts.cwd?.fields.get('cwd'));
    d.put(KEY.command, command);
    const items = orderedPathItems(parts.paths);
    putPathItems(items, d);
    const sockaddr = parts.sockaddr;
    if (sockaddr !== undefined) {
      const interpreted = isUserSpaceType(sockaddr.type) ? undefined : sockaddr.enriched?.get('SADDR');
      d.put(KEY.sockaddr, interpreted ?? sockaddr.fields.get('saddr'));
    }
    if (parts.objPid !== undefined) {
      d.put(KEY.targetpid, parts.objPid.fields.get('opid'));
      d.put(KEY.targetprocess, parts.objPid.fields.get('ocomm'));
    }
    return items[0];
  }
}
