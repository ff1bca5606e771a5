import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseRecordLine } from '../../../src/core/audit/parse-record';
import { corpusDir } from '../../support/paths';
import { MozDefFormatter, type MozDefFormatterOptions } from '../../../src/core/mozdef/mozdef-formatter';
import type { AuditEvent } from '../../../src/core/audit/audit-event';
import { ProcessNamer } from '../../../src/core/interpret/process-namer';
import { parseMessage } from '../../support/parse-message';
import { event, record, TableProcessTable, TableSyscallNames, TableUserDirectory } from './lookup-tables';
import { TEST_FORMATTER_OPTIONS as OPTIONS } from '../../support/formatter-options';
import { TableSyscallNames as KernelSyscallNames } from '../../../src/core/interpret/table-syscall-names';


/** The formatter, answering with the parsed MozDef document; events are named as the pipeline does. */
function formatter(options: Partial<MozDefFormatterOptions> = {}, processes = new TableProcessTable()) {
  const f = new MozDefFormatter({ ...OPTIONS, ...options }, new TableSyscallNames(), new TableUserDirectory());
  const namer = new ProcessNamer(processes);
  return { format: (e: AuditEvent) => parseMessage(f.format(namer.name(e))) };
}

const TAIL = { ARCH: 'x86_64', AUID: 'cloudsdk', UID: 'root', GID: 'root' };

/** `tail: null` for a record without ENRICHED tail. */
function syscall(nr: string, extra: Record<string, string> = {}, tail: Record<string, string> | null = TAIL) {
  return record(
    'SYSCALL',
    {
      arch: 'c000003e', syscall: nr, success: 'yes', exit: '0', a0: '3', a1: '0', a2: '0', a3: '0', items: '0',
      ppid: '100', pid: '200', auid: '1000', uid: '0', gid: '0', euid: '0', suid: '0', fsuid: '0', egid: '0',
      sgid: '0', fsgid: '0', tty: 'pts0', ses: '14', comm: 'cat', exe: '/usr/bin/cat', key: 'exec', ...extra,
    },
    tail ?? undefined,
  );
}

function pathRecord(item: number, name: string | undefined, nametype: string, inode: string) {
  const fields: Record<string, string> = { item: String(item) };
  if (name !== undefined) fields.name = name;
  Object.assign(fields, { inode, dev: 'fe:00', mode: '0100644', ouid: '0', ogid: '0', rdev: '00:00', nametype });
  return record('PATH', fields, { OUID: 'root', OGID: 'root' });
}

/** The records of a corpus file (read in place) with `serial`, else all of them, as one event. */
function corpusEvent(file: string, serial?: number): AuditEvent {
  const records = readFileSync(path.join(corpusDir(), file), 'utf8').split('\n').flatMap((line) => {
    const outcome = parseRecordLine(line);
    return outcome.ok && outcome.record.type !== 'EOE' && (serial === undefined || outcome.record.serial === serial) ? [outcome.record] : [];
  });
  return event(records, { time: records[0].time, serial: records[0].serial });
}

test('an execve event has the MozDef shape, the command from EXECVE and the C original keys', () => {
  const processes = new TableProcessTable([[100, '/usr/bin/sudo']]);
  const message = formatter({}, processes).format(
    event([
      syscall('59'),
      record('EXECVE', { argc: '3', a0: 'sudo', a1: 'cat', a2: '/etc/passwd' }),
      record('CWD', { cwd: '/home/alice' }),
      pathRecord(0, '/usr/bin/cat', 'NORMAL', '42'),
      record('PROCTITLE', { proctitle: 'stale title' }),
    ]),
  );
  assert.deepEqual(message, {
    category: 'execve',
    summary: 'Execve: sudo cat /etc/passwd',
    severity: 'INFO',
    hostname: 'web1.example.com',
    processid: 4242,
    processname: 'audisp-json',
    timestamp: '2026-11-25T05:50:24.730000+00:00',
    tags: ['audisp-json', '0.1.0', 'audit'],
    details: {
      auditserial: '19909',
      eventid: 'web1.example.com:1795585824.730:19909',
      processname: 'cat',
      process: '/usr/bin/cat',
      pid: '200',
      ppid: '100',
      parentprocess: '/usr/bin/sudo',
      auditkey: 'exec',
      syscall: 'execve',
      success: 'yes',
      exit: '0',
      uid: '0',
      user: 'root',
      originaluid: '1000',
      originaluser: 'cloudsdk',
      gid: '0',
      euid: '0',
      suid: '0',
      fsuid: '0',
      egid: '0',
      sgid: '0',
      fsgid: '0',
      session: '14',
      tty: 'pts0',
      cwd: '/home/alice',
      command: 'sudo cat /etc/passwd',
      path: '/usr/bin/cat',
      inode: '42',
      dev: 'fe:00',
      mode: '0100644',
      ouid: '0',
      ogid: '0',
      rdev: '00:00',
      nametype: 'NORMAL',
    },
  });
  assert.equal(Object.values(message!.details).every((v) => typeof v === 'string'), true);
});

test('the process table learns from each event: the next event names its parent', () => {
  const processes = new TableProcessTable();
  const f = formatter({}, processes);
  const first = f.format(event([syscall('2', { pid: '100', exe: '/usr/bin/bash' })]));
  assert.equal(first!.details.parentprocess, undefined, 'unknown parent: key left out');
  const second = f.format(event([syscall('2', { ppid: '100' })], { serial: 19910 }));
  assert.equal(second!.details.parentprocess, '/usr/bin/bash');
});

test('execve without EXECVE is skipped when ignoreEmptyExecve, else emitted as a failed exec', () => {
  const failed = event([
    syscall('59', { success: 'no', exit: '-2' }),
    pathRecord(0, '/usr/local/bin/nope', 'UNKNOWN', ''),
  ]);
  assert.equal(formatter().format(failed), undefined);
  const message = formatter({ ignoreEmptyExecve: false }).format(failed);
  assert.equal(message!.category, 'execve');
  assert.equal(message!.summary, 'Execve: /usr/local/bin/nope (failed, exit -2)');
  assert.equal(message!.details.command, undefined);
});

test('an exec with an empty command line (argc=0, which newer kernels make one empty argument) names the program', () => {
  const f = formatter();
  const empty = f.format(event([syscall('59', { exe: '/usr/bin/pkexec' }), record('EXECVE', { argc: '1', a0: '' }), pathRecord(0, '/usr/bin/pkexec', 'NORMAL', '42')]));
  assert.deepEqual([empty!.category, empty!.summary, empty!.details.command], ['execve', 'Execve: /usr/bin/pkexec (empty command line)', '']);
  const noArguments = f.format(event([syscall('59', { exe: '/usr/bin/pkexec' }), record('EXECVE', { argc: '0' })]));
  assert.equal(noArguments!.summary, 'Execve: /usr/bin/pkexec (empty command line)');
});

test('a log interpreted by ausearch -i (arch and syscall as names, no tail) keeps its categories', () => {
  const f = formatter();
  const exec = f.format(event([syscall('execve', { arch: 'x86_64' }, null), record('EXECVE', { argc: '1', a0: 'top' })]));
  assert.deepEqual([exec!.category, exec!.summary, exec!.details.syscall], ['execve', 'Execve: top', 'execve']);
  const chmod = f.format(event([syscall('fchmodat', { arch: 'x86_64' }, null), pathRecord(0, '/tmp/f', 'NORMAL', '7')]));
  assert.deepEqual([chmod!.category, chmod!.summary], ['chmod', 'Chmod: /tmp/f']);
  // Not a name: left as it is.
  const odd = f.format(event([syscall('Exec ve', { arch: 'x86_64' }, null)]));
  assert.deepEqual([odd!.category, odd!.summary], ['syscall', 'Syscall: syscall Exec ve']);
});

test('an exec that SELinux denied is kept whatever ignoreEmptyExecve says: the denial leads it (real records, read in place)', { skip: !existsSync(corpusDir()) }, () => {
  // Three AVCs and a SYSCALL for execve (i386 11), no EXECVE record.
  const denied = corpusEvent('public/SELinuxProject__selinux/python/sepolgen/tests/test_data/httpd.log', 11234);
  const message = parseMessage(new MozDefFormatter(OPTIONS, new KernelSyscallNames(), new TableUserDirectory()).format(denied));
  assert.equal(message?.category, 'avc');
  assert.match(message!.summary, /^AVC: seresult=denied seperms=execute comm=dbus-daemon name=dhcdbd /);
  const { syscall, processname, subj, seperms, avc2_seperms, avc3_seperms } = message!.details;
  assert.deepEqual({ syscall, processname, subj, seperms, avc2_seperms, avc3_seperms }, {
    syscall: 'execve', processname: 'dhcdbd', subj: 'staff_u:staff_r:staff_dbusd_t:s0',
    seperms: 'execute', avc2_seperms: 'execute_no_trans', avc3_seperms: 'read',
  });
});

test('a syscall keeps its security context as subj, unless the kernel wrote ? (stacked LSMs)', () => {
  const f = formatter();
  assert.equal(f.format(event([syscall('90', { subj: '/usr/sbin/cupsd (enforce)' })]))!.details.subj, '/usr/sbin/cupsd (enforce)');
  assert.equal(f.format(event([syscall('90', { subj: '?' })]))!.details.subj, undefined);
});

test('openat2 is a write or a read by its OPENAT2 record\'s flags (octal), not by its struct pointer', () => {
  const f = formatter();
  // 0x...610 has the O_TRUNC bit: read as flags, the pointer made every such openat2 a write.
  const pointer = { a2: '7ffd2993b610', a3: '18' };
  const how = (oflag: string) => record('OPENAT2', { oflag, mode: '0', resolve: '0x0' });
  const read = f.format(event([syscall('437', pointer), how('0100000'), pathRecord(0, '/etc/hosts', 'NORMAL', '7')]));
  assert.deepEqual([read!.category, read!.summary, read!.details.openat2_oflag], ['read', 'Read: /etc/hosts', '0100000']);
  const write = f.format(event([syscall('437', pointer), how('0101'), pathRecord(0, '/etc/hosts', 'NORMAL', '7')]));
  assert.deepEqual([write!.category, write!.summary], ['write', 'Write: /etc/hosts']);
  assert.equal(f.format(event([syscall('437', pointer)]))!.category, 'read', 'no OPENAT2 record: a read');
});

test('node goes to details.node and into the event id', () => {
  const message = formatter().format(event([syscall('90')], { node: 'db1', serial: 7 }));
  assert.equal(message!.hostname, 'web1.example.com');
  assert.equal(message!.details.node, 'db1');
  assert.equal(message!.details.eventid, 'db1:1795585824.730:7');
});

test('PATH: path is the first non-PARENT item, further items get suffixed keys with their own attributes', () => {
  const message = formatter().format(
    event([
      syscall('82', { comm: 'mv', exe: '/usr/bin/mv', key: 'delete', items: '4' }),
      pathRecord(0, '/tmp/', 'PARENT', '1'),
      pathRecord(1, '/tmp/', 'PARENT', '1'),
      pathRecord(3, '/tmp/new', 'CREATE', '30'),
      pathRecord(2, '/tmp/old', 'DELETE', '30'),
    ]),
  );
  assert.equal(message!.category, 'write');
  assert.equal(message!.summary, 'Write: /tmp/old');
  const d = message!.details;
  assert.deepEqual([d.path, d.nametype, d.path2, d.nametype2, d.inode2], ['/tmp/old', 'DELETE', '/tmp/new', 'CREATE', '30']);
  assert.equal(d.path3, undefined);
});

test('open for writing is a write, open for reading is a read (the C original said "(null)")', () => {
  const f = formatter();
  const write = f.format(event([syscall('257', { a2: '241', key: 'watch' }), pathRecord(1, '/tmp/f', 'CREATE', '5')]));
  assert.deepEqual([write!.category, write!.summary], ['write', 'Write: /tmp/f']);
  const read = f.format(event([syscall('257', { a2: '90800' }), pathRecord(0, '/tmp/d', 'NORMAL', '5')]));
  assert.deepEqual([read!.category, read!.summary], ['read', 'Read: /tmp/d']);
});

test('chmod, chown and xattr syscalls the C original missed by prefix get their category', () => {
  const f = formatter();
  const cases: Array<[string, string, string]> = [
    ['91', 'chmod', 'Chmod: inode 77'], // fchmod on a descriptor: PATH without name
    ['94', 'chown', 'Chown: inode 77'], // lchown
    ['190', 'attribute', 'Attribute: inode 77'], // fsetxattr
    ['197', 'attribute', 'Attribute: inode 77'], // removexattr
  ];
  for (const [nr, category, summary] of cases) {
    const m = f.format(event([syscall(nr), pathRecord(0, undefined, 'NORMAL', '77')]));
    assert.deepEqual([m!.category, m!.summary], [category, summary], `syscall ${nr}`);
  }
  const noPath = f.format(event([syscall('90')]));
  assert.equal(noPath!.summary, 'Chmod: (no path)');
});

test('a signal sent names the signal and its target: OBJ_PID\'s process, else the pid argument; a kill of a group names the group', () => {
  const f = formatter();
  const send = (nr: string, args: Record<string, string>, ...records: ReturnType<typeof record>[]) => f.format(event([syscall(nr, args), ...records]));
  const tgkill = send('234', { a0: '12c', a1: '12d', a2: '9' }, record('OBJ_PID', { opid: '300', oauid: '1000', ouid: '0', oses: '14', ocomm: 'sleep' }));
  assert.deepEqual(
    [tgkill!.category, tgkill!.summary, tgkill!.details.signal, tgkill!.details.targetprocess],
    ['syscall', 'Syscall: tgkill SIGKILL pid 300 (sleep)', 'SIGKILL', 'sleep'],
  );
  assert.equal(send('62', { a0: 'ffffffff', a1: 'f', success: 'no', exit: '-1' })!.summary, 'Syscall: kill SIGTERM every process (failed, exit -1)');
  // A process group, as a 64-bit register holds it; signal 0 (is it there?) and real-time ones by number.
  const probe = send('62', { a0: 'ffffffffffffff9c', a1: '0' });
  assert.deepEqual([probe!.summary, probe!.details.signal], ['Syscall: kill signal 0 process group 100', '0']);
  // A group's members each have an OBJ_PID: the summary counts them rather than name the first as the target.
  const member = (pid: string, comm: string) => record('OBJ_PID', { opid: pid, oauid: '1000', ouid: '0', oses: '14', ocomm: comm });
  const own = send('62', { a0: '0', a1: 'f' }, member('300', 'sleep'), member('301', 'sh'));
  assert.deepEqual([own!.summary, own!.details.targetpid, own!.details.obj_pid2_opid], ['Syscall: kill SIGTERM own process group (2 signalled)', '300', '301']);
  // A kill of every process on a big host: an OBJ_PID each, every one kept (the builder once scanned its keys for each: minutes).
  const everyone = send('62', { a0: 'ffffffff', a1: 'f' }, ...Array.from({ length: 12_000 }, (_, n) => member(String(1000 + n), 'p')));
  assert.equal(everyone!.summary, 'Syscall: kill SIGTERM every process (12000 signalled)');
  assert.deepEqual([everyone!.details.targetpid, everyone!.details.obj_pid12000_opid], ['1000', '12999']);
  assert.equal(Object.keys(everyone!.details).filter((k) => /^obj_pid\d+_opid$/.test(k)).length, 11_999);
  // tgkill's first argument is a thread group, always one process.
  assert.equal(send('234', { a0: '0', a1: '12d', a2: '9' })!.summary, 'Syscall: tgkill SIGKILL pid 0');
  assert.equal(send('129', { a0: '1f4', a1: '22' })!.details.signal, '34');
  assert.equal(send('62', { a0: 'garbled', a1: '9' })!.summary, 'Syscall: kill SIGKILL');
});

test('a kill from the shared corpus (read in place): bash sending itself SIGHUP', { skip: !existsSync(corpusDir()) }, () => {
  const message = formatter().format(corpusEvent('public/elastic__go-libaudit/auparse/testdata/audit-rhel7.log', 1095517));
  assert.deepEqual(
    [message!.summary, message!.details.signal, message!.details.a0, message!.details.a1, message!.details.auditkey],
    ['Syscall: kill SIGHUP pid 8158', 'SIGHUP', '1fde', '1', 'kill_signals'],
  );
});

test('a syscall outside the C original\'s categories keeps its four arguments (hex, as written); one inside does not', () => {
  const f = formatter();
  const setuid = f.format(event([syscall('105', { a0: '0', a1: '7ffd2993b610', a2: '1', a3: '0' })]));
  assert.deepEqual([setuid!.summary, setuid!.details.a0, setuid!.details.a1, setuid!.details.a2, setuid!.details.a3], ['Syscall: setuid', '0', '7ffd2993b610', '1', '0']);
  const open = f.format(event([syscall('2', { a0: '7ffd2993b610', a1: '0' }), pathRecord(0, '/etc/hosts', 'NORMAL', '12')]));
  assert.deepEqual([open!.category, open!.details.a0, open!.details.a1], ['read', undefined, undefined]);
});

test('ptrace names its request and its target: OBJ_PID\'s process, else the pid argument', () => {
  const f = formatter();
  const ptrace = (args: Record<string, string>, ...records: ReturnType<typeof record>[]) => f.format(event([syscall('101', args), ...records]));
  const attach = ptrace({ a0: '10', a1: '12c' }, record('OBJ_PID', { opid: '300', oauid: '1000', ouid: '0', oses: '14', ocomm: 'sleep' }));
  assert.deepEqual([attach!.category, attach!.summary, attach!.details.ptracerequest], ['ptrace', 'Ptrace: PTRACE_ATTACH pid 300 (sleep)', 'PTRACE_ATTACH']);
  assert.deepEqual([attach!.details.targetpid, attach!.details.targetprocess], ['300', 'sleep']);
  // No OBJ_PID but for an attach: the pid argument is hex.
  assert.equal(ptrace({ a0: '4', a1: '12c' })!.summary, 'Ptrace: PTRACE_POKETEXT pid 300');
  assert.equal(ptrace({ a0: '420e', a1: '3723' })!.summary, 'Ptrace: PTRACE_GET_SYSCALL_INFO pid 14115');
  // TRACEME names no target, whatever its a1 holds.
  assert.equal(ptrace({ a0: '0', a1: '7ffd2993b610' })!.summary, 'Ptrace: PTRACE_TRACEME');
  assert.equal(ptrace({ a0: '10', a1: '1', success: 'no', exit: '-1' })!.summary, 'Ptrace: PTRACE_ATTACH pid 1 (failed, exit -1)');
  // A request the table does not know keeps its number; no argument at all, the C original's summary.
  const unknown = ptrace({ a0: '5000', a1: '12c' });
  assert.deepEqual([unknown!.summary, unknown!.details.ptracerequest], ['Ptrace: 20480 pid 300', '20480']);
  const bare = f.format(event([record('SYSCALL', { arch: 'c000003e', syscall: '101', success: 'yes', exit: '0', pid: '200' })]));
  assert.deepEqual([bare!.summary, bare!.details.ptracerequest], ['Ptrace', undefined]);
});

test('time: modified only when the call succeeded and, for adjtimex and clock_adjtime, the kernel recorded a change', () => {
  const f = formatter();
  const summary = (records: ReturnType<typeof record>[]) => {
    const m = f.format(event(records));
    return [m!.category, m!.summary];
  };
  // settimeofday, clock_settime: the C original's summary when they succeed.
  assert.deepEqual(summary([syscall('164')]), ['time', 'time has been modified']);
  assert.deepEqual(summary([syscall('227')]), ['time', 'time has been modified']);
  assert.deepEqual(summary([syscall('164', { success: 'no', exit: '-1' })]), ['time', 'time change failed: settimeofday (exit -1)']);
  // adjtimex with modes 0 (chrony's and ntpstat's polls): no TIME_* record.
  assert.deepEqual(summary([syscall('159', { exit: '5' })]), ['time', 'time not changed: adjtimex (no change recorded)']);
  assert.deepEqual(summary([syscall('305')]), ['time', 'time not changed: clock_adjtime (no change recorded)']);
  const ntpval = (op: string) => record('TIME_ADJNTPVAL', { op, old: '8257', new: '64' });
  assert.deepEqual(summary([ntpval('status'), syscall('159'), ntpval('freq')]), ['time', 'time has been modified: adjtimex status, freq']);
  // An older auditd writes the types it does not know by number.
  const step = record('UNKNOWN[1332]', { sec: '3', nsec: '0' });
  assert.deepEqual(summary([syscall('305'), step]), ['time', 'time has been modified: clock_adjtime offset']);
  // The kernel's records come through too.
  const withValues = f.format(event([syscall('159'), ntpval('freq')]));
  assert.deepEqual([withValues!.details.time_adjntpval_op, withValues!.details.time_adjntpval_new], ['freq', '64']);
});

test('socket and listen get names for domain and type', () => {
  const f = formatter();
  const socket = f.format(event([syscall('41', { a0: '11', a1: '80003', a2: '300' })]));
  assert.deepEqual([socket!.category, socket!.summary], ['socket', 'Socket: AF_PACKET SOCK_RAW|SOCK_CLOEXEC']);
  assert.deepEqual([socket!.details.domain, socket!.details.type, socket!.details.protocol], ['AF_PACKET', 'SOCK_RAW|SOCK_CLOEXEC', '768']);
  const listen = f.format(event([syscall('50', { exe: '/usr/bin/python3.11' })]));
  assert.deepEqual([listen!.category, listen!.summary], ['listen', 'Listen: /usr/bin/python3.11']);
});

test('a connect in a RAW feed (the real capture without its ENRICHED tails) tells where it went as the ENRICHED feed does, in details and summary', { skip: !existsSync(corpusDir()) }, () => {
  const lines = readFileSync(path.join(corpusDir(), 'realaudit/basic-1.log'), 'utf8').split('\n');
  const summaries: string[] = [];
  for (const serial of [20022, 20024]) {
    const eventOf = (raw: boolean) => {
      const records = lines.flatMap((line) => {
        const outcome = parseRecordLine(raw ? line.split('\x1d')[0] : line);
        return outcome.ok && outcome.record.type !== 'EOE' && outcome.record.serial === serial ? [outcome.record] : [];
      });
      assert.ok(records.some((r) => r.type === 'SOCKADDR'), `serial ${serial}`);
      return event(records, { time: records[0].time, serial });
    };
    const enriched = formatter().format(eventOf(false))!;
    const raw = formatter().format(eventOf(true))!;
    assert.match(enriched.details.sockaddr, /^\{ saddr_fam=inet6? laddr=\S+ lport=\d+ \}$/);
    assert.deepEqual([raw.details.sockaddr, raw.summary], [enriched.details.sockaddr, enriched.summary], `serial ${serial}`);
    summaries.push(raw.summary);
  }
  // The peer is the summary's target, as a path is for a unix socket.
  assert.deepEqual(summaries, ['Syscall: connect 127.0.0.1:47011', 'Syscall: connect [::1]:47012']);
});

test('an i386 socketcall is told as the operation it made, with that operation\'s arguments from its SOCKETCALL record', () => {
  const f = formatter();
  const i386 = { ...TAIL, ARCH: 'i386', SYSCALL: 'socketcall' };
  // a0: the operation (1 socket, 3 connect, 4 listen); a1: a pointer to its arguments.
  const socketcall = (a0: string, ...records: ReturnType<typeof record>[]) =>
    f.format(event([syscall('102', { arch: '40000003', a0, a1: 'ffd2c1a0', exe: '/opt/old/ping32' }, i386), ...records]));
  const raw = socketcall('1', record('SOCKETCALL', { nargs: '3', a0: '2', a1: '3', a2: '1' }));
  assert.deepEqual([raw!.category, raw!.summary], ['socket', 'Socket: AF_INET SOCK_RAW (socketcall)']);
  assert.deepEqual(
    [raw!.details.syscall, raw!.details.socketcall, raw!.details.domain, raw!.details.type, raw!.details.protocol],
    ['socketcall', 'socket', 'AF_INET', 'SOCK_RAW', '1'],
  );
  assert.equal(raw!.details.socketcall_a1, '3', 'the SOCKETCALL record keeps its fields');
  // An older auditd names the record by number.
  const older = socketcall('1', record('UNKNOWN[1304]', { nargs: '3', a0: '11', a1: '3', a2: '300' }));
  assert.equal(older!.summary, 'Socket: AF_PACKET SOCK_RAW (socketcall)');
  // Without the record the arguments are unknown: the SYSCALL's a1 is a pointer, not a type.
  const unknownArgs = socketcall('1');
  assert.deepEqual([unknownArgs!.category, unknownArgs!.summary, unknownArgs!.details.type], ['socket', 'Socket (socketcall)', undefined]);
  const listen = socketcall('4', record('SOCKETCALL', { nargs: '2', a0: '4', a1: '1' }));
  assert.deepEqual([listen!.category, listen!.summary, listen!.details.socketcall], ['listen', 'Listen: /opt/old/ping32 (socketcall)', 'listen']);
  const connect = socketcall('3', record('SOCKETCALL', { nargs: '3', a0: '5', a1: 'ffd2c1b0', a2: '10' }));
  assert.deepEqual([connect!.category, connect!.summary, connect!.details.socketcall], ['syscall', 'Syscall: connect (socketcall)', 'connect']);
  // Past the kernel's operations (SYS_SENDMMSG = 20 = 0x14): the syscall as it is.
  const beyond = socketcall('15');
  assert.deepEqual([beyond!.category, beyond!.summary, beyond!.details.socketcall], ['syscall', 'Syscall: socketcall', undefined]);
});

test('a failed syscall names its errno beside the exit the kernel wrote', () => {
  const f = formatter();
  const refused = f.format(event([syscall('42', { success: 'no', exit: '-13' })]));
  assert.deepEqual([refused!.details.exit, refused!.details.errno], ['-13', 'EACCES']);
  assert.equal(f.format(event([syscall('42')]))!.details.errno, undefined);
  // An arch the tables do not know numbers its errors its own way, maybe.
  assert.equal(f.format(event([syscall('42', { arch: '8', success: 'no', exit: '-13' }, null)]))!.details.errno, undefined);
});

test('syscalls outside the C original list are emitted under "syscall"', () => {
  const f = formatter();
  const mkdir = f.format(event([syscall('83'), pathRecord(1, '/tmp/dir', 'CREATE', '9')]));
  assert.deepEqual([mkdir!.category, mkdir!.summary], ['syscall', 'Syscall: mkdir /tmp/dir']);
  const unknown = f.format(event([syscall('999', {}, null)]));
  assert.deepEqual([unknown!.category, unknown!.summary, unknown!.details.syscall], ['syscall', 'Syscall: syscall 999', '999']);
  const fromTail = f.format(event([syscall('998', {}, { ...TAIL, SYSCALL: 'futuristic' })]));
  assert.equal(fromTail!.summary, 'Syscall: futuristic');
});

/** A URINGOP record as the kernel writes it (audit_log_uring): no arch, comm, exe, auid, ses or tty. */
function uringOp(op: string, extra: Record<string, string> = {}, tail: Record<string, string> | null = { UID: 'root', GID: 'root' }) {
  return record(
    'URINGOP',
    {
      uring_op: op, success: 'yes', exit: '0', items: '2', ppid: '100', pid: '200', uid: '0', gid: '0',
      euid: '0', suid: '0', fsuid: '0', egid: '0', sgid: '0', fsgid: '0', subj: 'unconfined', key: 'uring', ...extra,
    },
    tail ?? undefined,
  );
}

test('an io_uring operation (URINGOP, no SYSCALL) keeps its process, ids, key and paths, under its syscall\'s category', () => {
  const processes = new TableProcessTable([[100, '/usr/bin/bash'], [200, '/usr/local/bin/uring-tool']]);
  const message = formatter({}, processes).format(
    event([
      uringOp('36'),
      record('CWD', { cwd: '/home/alice' }),
      pathRecord(0, '/tmp', 'PARENT', '1'),
      pathRecord(1, '/tmp/secret', 'DELETE', '42'),
    ]),
  );
  assert.deepEqual([message!.category, message!.summary], ['write', 'Write: /tmp/secret (io_uring)']);
  assert.deepEqual(message!.details, {
    auditserial: '19909',
    eventid: 'web1.example.com:1795585824.730:19909',
    processname: '/usr/local/bin/uring-tool',
    pid: '200',
    ppid: '100',
    parentprocess: '/usr/bin/bash',
    auditkey: 'uring',
    uringop: 'unlinkat',
    success: 'yes',
    exit: '0',
    uid: '0',
    user: 'root',
    gid: '0',
    euid: '0',
    suid: '0',
    fsuid: '0',
    egid: '0',
    sgid: '0',
    fsgid: '0',
    subj: 'unconfined',
    cwd: '/home/alice',
    path: '/tmp/secret',
    inode: '42',
    dev: 'fe:00',
    mode: '0100644',
    ouid: '0',
    ogid: '0',
    rdev: '00:00',
    nametype: 'DELETE',
  });
});

test('an io_uring operation keeps its name (later kernels\' too) and a category when it has one, or its number past the table', () => {
  const f = formatter();
  const connect = f.format(event([uringOp('16'), record('SOCKADDR', { saddr: '020000167F0000010000000000000000' })]));
  assert.deepEqual(
    [connect!.category, connect!.summary, connect!.details.uringop, connect!.details.sockaddr],
    ['io_uring', 'io_uring connect 127.0.0.1:22', 'connect', '{ saddr_fam=inet laddr=127.0.0.1 lport=22 }'],
  );
  const mkdir = f.format(event([uringOp('37'), pathRecord(1, '/tmp/new', 'CREATE', '9')]));
  assert.deepEqual([mkdir!.category, mkdir!.summary], ['io_uring', 'io_uring mkdirat /tmp/new']);
  const truncate = f.format(event([uringOp('55'), pathRecord(0, '/var/log/x', 'NORMAL', '9')]));
  assert.deepEqual([truncate!.category, truncate!.summary, truncate!.details.uringop], ['write', 'Write: /var/log/x (io_uring)', 'ftruncate'], 'a later kernel\'s operation');
  assert.equal(f.format(event([uringOp('64')]))!.details.uringop, 'uring_cmd128');
  const socket = f.format(event([uringOp('45')]));
  assert.deepEqual([socket!.category, socket!.summary], ['socket', 'Socket (io_uring)'], 'no arguments to tell the family by');
  const future = f.format(event([uringOp('99', {}, null)]));
  assert.deepEqual([future!.category, future!.summary, future!.details.uringop, future!.details.user], ['io_uring', 'io_uring op 99', '99', 'root']);
  const openat = f.format(event([uringOp('18')]));
  assert.deepEqual([openat!.category, openat!.summary, openat!.details.syscall], ['read', 'Read: (no path) (io_uring)', undefined]);
});

test('the real URINGOP records of the corpus (read in place) keep their process, ids and operation', { skip: !existsSync(corpusDir()) }, () => {
  const files = ['public/threathunters-io__laurel/src/testdata/record-uringop.txt', 'public/hillu__linux-audit-parser-rs/src/testdata/line-uringop.txt'];
  for (const file of files) {
    const message = formatter().format(corpusEvent(file));
    assert.deepEqual([message!.category, message!.summary], ['read', 'Read: (no path) (io_uring)'], file);
    const { pid, ppid, uringop, success, exit, uid, fsgid } = message!.details;
    assert.deepEqual({ pid, ppid, uringop, success, exit, uid, fsgid }, {
      pid: '3178806', ppid: '140504', uringop: 'openat', success: 'yes', exit: '0', uid: '0', fsgid: '0',
    }, file);
  }
});

test('auxiliary records that tell something keep their fields under their type\'s name; PROCTITLE and bare BPRM_FCAPS do not', () => {
  const f = formatter();
  const load = f.format(event([syscall('313', { comm: 'modprobe', exe: '/usr/bin/kmod' }), record('KERN_MODULE', { name: 'mymod' }), record('PROCTITLE', { proctitle: 'modprobe mymod' })]));
  assert.deepEqual([load!.category, load!.summary, load!.details.kern_module_name], ['syscall', 'Syscall: finit_module', 'mymod']);
  assert.equal(load!.details.proctitle_proctitle, undefined);
  const clock = f.format(event([
    syscall('159'),
    record('TIME_ADJNTPVAL', { op: 'offset', old: '0', new: '1000' }),
    record('TIME_ADJNTPVAL', { op: 'freq', old: '5', new: '6' }),
  ]));
  assert.deepEqual(
    [clock!.category, clock!.details.time_adjntpval_op, clock!.details.time_adjntpval_new, clock!.details.time_adjntpval2_op, clock!.details.time_adjntpval2_new],
    ['time', 'offset', '1000', 'freq', '6'],
  );
  const caps = { fp: '0000000000002000', fi: '0', fe: '1', old_pp: '0', pp: '0000000000002000', pe: '0000000000002000' };
  const setcap = f.format(event([syscall('59'), record('EXECVE', { argc: '1', a0: 'ping' }), record('BPRM_FCAPS', { fver: '2', ...caps })]));
  assert.deepEqual([setcap!.category, setcap!.details.bprm_fcaps_fver, setcap!.details.bprm_fcaps_pe], ['execve', '2', '0000000000002000']);
  const rootExec = f.format(event([syscall('59'), record('EXECVE', { argc: '1', a0: 'id' }), record('BPRM_FCAPS', { fver: '0', ...caps })]));
  assert.deepEqual(Object.keys(rootExec!.details).filter((k) => k.startsWith('bprm_fcaps')), [], 'a file without capabilities: nothing to say');
});

test('a syscall auxiliary that comes alone (SECCOMP, BPF, KERN_MODULE...) leads its event with every field', () => {
  const f = formatter();
  const seccomp = f.format(event([record('SECCOMP', {
    auid: '1000', uid: '22', gid: '22', ses: '21', pid: '11217', comm: 'sshd', exe: '/usr/sbin/sshd', sig: '31',
    arch: 'c000003e', syscall: '41', compat: '0', ip: '0xb7670aac', code: '0x0',
  })]));
  assert.deepEqual([seccomp!.category, seccomp!.details.syscall], ['seccomp', 'socket'], 'the caught syscall, named as SYSCALL\'s are');
  assert.match(seccomp!.summary, /^SECCOMP: gid=22 comm=sshd exe=\/usr\/sbin\/sshd sig=31 /);
  const { pid, processname, process, sig, seccomp_syscall, code } = seccomp!.details;
  assert.deepEqual({ pid, processname, process, sig, seccomp_syscall, code }, {
    pid: '11217', processname: 'sshd', process: '/usr/sbin/sshd', sig: '31', seccomp_syscall: '41', code: '0x0',
  });
  const bpf = f.format(event([record('BPF', { 'prog-id': '75', op: 'LOAD' })]));
  assert.deepEqual([bpf!.category, bpf!.summary, bpf!.details['prog-id'], bpf!.details.op], ['bpf', 'BPF: prog-id=75 op=LOAD', '75', 'LOAD']);
  // EXECVE still tells the command of an event that lost its SYSCALL; the auxiliary keeps its fields.
  const exec = f.format(event([record('EXECVE', { argc: '1', a0: 'ping' }), record('BPRM_FCAPS', { fver: '2', fp: '1' })]));
  assert.deepEqual([exec!.category, exec!.summary, exec!.details.bprm_fcaps_fp], ['execve', 'Execve: ping', '1']);
});

test('every denial of an event is kept: a second AVC as avc2_*, AVC_PATH as avc_path_path, and AVC_PATH never leads', () => {
  const f = formatter();
  const avc = (perm: string, name: string) => record('AVC', { seresult: 'denied', seperms: perm, pid: '6377', comm: 'su', name, tclass: 'dir' });
  const message = f.format(event([record('AVC_PATH', { path: '/root' }), syscall('2', { comm: 'su' }), avc('write', 'root'), avc('add_name', '.xauth')]));
  assert.equal(message!.category, 'avc');
  assert.match(message!.summary, /^AVC: seresult=denied seperms=write /);
  const { seperms, name, avc2_seperms, avc2_name, avc_path_path } = message!.details;
  assert.deepEqual({ seperms, name, avc2_seperms, avc2_name, avc_path_path }, {
    seperms: 'write', name: 'root', avc2_seperms: 'add_name', avc2_name: '.xauth', avc_path_path: '/root',
  });
  // A signal to a process group: one OBJ_PID per target.
  const kill = f.format(event([syscall('62'), record('OBJ_PID', { opid: '300', ocomm: 'sleep' }), record('OBJ_PID', { opid: '301', ocomm: 'sleep' })]));
  const { targetpid, targetprocess, obj_pid2_opid, obj_pid2_ocomm } = kill!.details;
  assert.deepEqual({ targetpid, targetprocess, obj_pid2_opid, obj_pid2_ocomm }, { targetpid: '300', targetprocess: 'sleep', obj_pid2_opid: '301', obj_pid2_ocomm: 'sleep' });
});

test('ANOM_PROMISCUOUS: the C original summary, spelling included, and keys', () => {
  const f = formatter();
  const anom = (prom: string, old: string) =>
    f.format(event([record('ANOM_PROMISCUOUS', { dev: 'eth0', prom, old_prom: old, auid: '1000', uid: '0', gid: '0', ses: '14' }, { AUID: 'cloudsdk', UID: 'root', GID: 'root' })]));
  const on = anom('256', '0');
  assert.deepEqual([on!.category, on!.summary], ['promiscuous', 'Promisc: Interface eth0 set promiscous on']);
  assert.deepEqual(
    [on!.details.dev, on!.details.promiscious, on!.details.old_promicious, on!.details.user, on!.details.originaluser],
    ['eth0', '256', '0', 'root', 'cloudsdk'],
  );
  assert.equal(anom('0', '256')!.summary, 'Promisc: Interface eth0 set promiscous off');
});

test('AppArmor AVC is emitted with the C original aa* keys, before its SYSCALL', () => {
  const message = formatter().format(
    event([
      record('AVC', {
        apparmor: 'DENIED', operation: 'ptrace', profile: 'docker-default', pid: '5571', comm: 'metricbeat',
        requested_mask: 'trace', denied_mask: 'trace', peer: 'unconfined',
      }),
      syscall('0', { comm: 'metricbeat', exe: '/usr/bin/metricbeat', pid: '5571' }, null),
    ]),
  );
  assert.equal(message!.category, 'apparmor');
  assert.equal(message!.summary, 'AppArmor DENIED: ptrace unconfined (profile docker-default)');
  const d = message!.details;
  assert.deepEqual(
    [d.aaresult, d.aacoperation, d.aaprofile, d.aacommand, d.aadenied_mask, d.pid, d.process, d.syscall],
    ['DENIED', 'ptrace', 'docker-default', 'metricbeat', 'trace', '5571', '/usr/bin/metricbeat', 'read'],
  );
});

test('an AppArmor network denial keeps its family, addresses and ports as aa* keys (real record, read in place)', { skip: !existsSync(corpusDir()) }, () => {
  const message = formatter().format(corpusEvent('public/apparmor__apparmor/libraries/libapparmor/testsuite/test_multi/file_perm_network_receive_lp1577051.in'));
  assert.equal(message?.category, 'apparmor');
  const { aaresult, aacoperation, aafamily, aasock_type, aaprotocol, aaladdr, aalport, aafaddr, aafport, aaapparmor, aapid } = message!.details;
  assert.deepEqual({ aaresult, aacoperation, aafamily, aasock_type, aaprotocol, aaladdr, aalport, aafaddr, aafport, aaapparmor, aapid }, {
    aaresult: 'ALLOWED', aacoperation: 'file_perm', aafamily: 'inet6', aasock_type: 'stream', aaprotocol: '6',
    aaladdr: '::ffff:192.168.1.100', aalport: '80', aafaddr: '::ffff:192.168.1.100', aafport: '45658',
    aaapparmor: undefined, aapid: undefined,
  });
});

test('AppArmor of kernels before 2.6.36 (prose, no fields) keeps its text as the summary (real record, read in place)', { skip: !existsSync(corpusDir()) }, () => {
  const message = formatter().format(corpusEvent('public/apparmor__apparmor/libraries/libapparmor/testsuite/test_multi/old_style_log_03.in'));
  assert.equal(message?.category, 'apparmor');
  assert.match(message!.summary, /^REJECTING access to syscall 'ptrace' \(syscall_ptrace\(25210\) profile /);
  assert.equal(message!.details.aatext, message!.summary);
});

test('an AppArmor field never takes the key of the next record\'s name, and parent is the ppid', () => {
  const message = formatter().format(event([
    record('APPARMOR_DENIED', { operation: 'exec', name: '/bin/ping', name2: 'ping2', pid: '31938', parent: '1', profile: '/bin/ping' }),
    record('APPARMOR_DENIED', { operation: 'exec', name: '/bin/ping6', pid: '31938', profile: '/bin/ping' }),
  ]));
  const { aaname, aaname2, aa_name2, ppid } = message!.details;
  assert.deepEqual({ aaname, aaname2, aa_name2, ppid }, { aaname: '/bin/ping', aaname2: '/bin/ping6', aa_name2: 'ping2', ppid: '1' });
});

test('user names: ENRICHED tail for kernel records, passwd for user-space records and without tail', () => {
  const f = formatter();
  const kernel = f.format(event([syscall('90', {}, { ...TAIL, UID: 'remote-root', AUID: 'remote-alice' })]));
  assert.deepEqual([kernel!.details.user, kernel!.details.originaluser], ['remote-root', 'remote-alice']);
  const noTail = f.format(event([syscall('90', {}, null)]));
  assert.deepEqual([noTail!.details.user, noTail!.details.originaluser], ['root', 'alice']);
  const forged = f.format(
    event([record('USER', { pid: '7531', uid: '0', auid: '1000', ses: '1', text: 'hostile \u001dUID="forged"' }, { UID: 'forged', AUID: 'forged' })]),
  );
  assert.deepEqual([forged!.details.user, forged!.details.originaluser], ['root', 'alice']);
  assert.equal(forged!.category, 'usermessage');
});

test('unset and unknown ids get no name', () => {
  const f = formatter();
  const m = f.format(event([syscall('90', { auid: '4294967295', uid: '4242' }, { ...TAIL, AUID: 'unset', UID: 'unknown(4242)' })]));
  assert.deepEqual([m!.details.originaluid, m!.details.originaluser, m!.details.uid, m!.details.user], ['4294967295', undefined, '4242', undefined]);
});

test('non-syscall events get a category from their type and keep every field', () => {
  const f = formatter();
  const auth = f.format(
    event([record('USER_AUTH', { pid: '14126', uid: '0', auid: '1000', ses: '14', op: 'PAM:authentication', grantors: 'pam_rootok', acct: 'nobody', exe: '/usr/bin/su', hostname: '?', addr: '?', terminal: '?', res: 'success' }, { UID: 'root', AUID: 'cloudsdk' })]),
  );
  assert.equal(auth!.category, 'authentication');
  assert.equal(auth!.summary, 'USER_AUTH: op=PAM:authentication acct=nobody exe=/usr/bin/su res=success');
  assert.deepEqual([auth!.details.acct, auth!.details.process, auth!.details.tty, auth!.details.originaluser], ['nobody', '/usr/bin/su', '?', 'alice']);

  const login = f.format(
    event([
      record('LOGIN', { pid: '7521', uid: '0', subj: 'system_u:system_r:init_t:s0', 'old-auid': '4294967295', auid: '1000', tty: '(none)', 'old-ses': '4294967295', ses: '1', res: '1' }, { UID: 'root', 'OLD-AUID': 'unset', AUID: 'cloudsdk' }),
      syscall('1', { comm: 'bash', exe: '/usr/bin/bash', key: '', subj: 'system_u:system_r:init_t:s0', items: '1' }),
    ]),
  );
  assert.equal(login!.category, 'login');
  assert.equal(login!.details.syscall, 'write');
  assert.equal(login!.details['old-auid'], '4294967295');
  // What the SYSCALL record already said is not repeated under a prefixed key; what differs is.
  assert.deepEqual([login!.details.subj, login!.details.login_subj], ['system_u:system_r:init_t:s0', undefined]);
  const differs = f.format(event([record('LOGIN', { pid: '7521', subj: 'login_t', auid: '1000', ses: '1' }), syscall('1', { subj: 'init_t' })]));
  assert.deepEqual([differs!.details.subj, differs!.details.login_subj], ['init_t', 'login_t']);

  const config = f.format(event([record('CONFIG_CHANGE', { op: 'set', audit_pid: '14064', old: '0', auid: '4294967295', ses: '4294967295', res: '1' }, { AUID: 'unset' }), syscall('44')]));
  assert.deepEqual([config!.category, config!.summary], ['auditconfig', 'CONFIG_CHANGE: op=set audit_pid=14064 old=0 res=1']);
  const daemon = f.format(event([record('DAEMON_START', { op: 'start', ver: '3.0.9', res: 'success' })]));
  assert.equal(daemon!.category, 'auditdaemon');
});

test('a raw field named like a details key does not overwrite it, even __proto__', () => {
  const user = record('USER', { pid: '1', uid: '0', path: '/x', command: 'y', constructor: 'c' });
  (user.fields as Map<string, string>).set('__proto__', 'z');
  const m = formatter().format(event([user]));
  assert.equal(m!.details.user_path, '/x');
  assert.equal(m!.details.user_command, 'y');
  assert.equal(Object.getPrototypeOf(m!.details), Object.prototype);
  const json = JSON.parse(JSON.stringify(m));
  assert.equal(json.details.__proto__, 'z');
  assert.equal(json.details.constructor, 'c');
});

test("a sender's odd field names become plain keys (a dot would make Elasticsearch refuse the message), the raw ones stay in the summary", () => {
  const outcome = parseRecordLine(
    "type=USER msg=audit(1795585826.1:99): pid=1 uid=0 auid=1000 ses=3 msg='tls.version=1.3 ...=x aéb=c tls=on exe=\"/usr/bin/app\" res=success'",
  );
  assert.ok(outcome.ok);
  const m = formatter().format(event([outcome.record]));
  assert.deepEqual(Object.keys(m!.details).filter((k) => !/^[A-Za-z0-9_-]+$/.test(k)), []);
  assert.deepEqual([m!.details.tls_version, m!.details.___, m!.details.a_b, m!.details.tls], ['1.3', 'x', 'c', 'on']);
  assert.match(m!.summary, /^USER: tls\.version=1\.3 \.\.\.=x aéb=c tls=on /);
});

test('nothing a record said is lost to a key clash: a key taken twice over gets a number', () => {
  // A garbled DAEMON_END says res three times; a sender's tls.version and tls_version make one plain key.
  const daemon = parseRecordLine('type=DAEMON_END msg=audit(1795585826.1:7): op=terminate auid=0 pid=1 res=success res=failed res=1');
  const user = parseRecordLine("type=USER msg=audit(1795585826.1:99): pid=1 uid=0 auid=1000 ses=3 msg='tls.version=1.3 tls_version=1.2 res=success'");
  const apparmor = parseRecordLine('type=AVC msg=audit(1795585826.1:5): apparmor="DENIED" operation="exec" profile="/bin/ping" name="/bin/ping" name2="a" name2="b" name2="c" pid=1 comm="ping"');
  const module = parseRecordLine('type=KERN_MODULE msg=audit(1795585826.1:8): name="nf_tables" name="xt_nat" name="xt_nat"');
  assert.ok(daemon.ok && user.ok && apparmor.ok && module.ok);
  const f = formatter();
  const end = f.format(event([daemon.record]))!.details;
  assert.deepEqual([end.res, end.daemon_end_res, end.daemon_end_res_2], ['success', 'failed', '1']);
  const sent = f.format(event([user.record]))!.details;
  assert.deepEqual([sent.tls_version, sent.user_tls_version], ['1.3', '1.2']);
  const denied = f.format(event([apparmor.record]))!.details;
  assert.deepEqual([denied.aaname2, denied.aa_name2, denied.aa_name2_2], ['a', 'b', 'c']);
  // An auxiliary record's repeated field: a new value gets a number, the same value is said once.
  const loaded = f.format(event([syscall('175'), module.record]))!.details;
  assert.deepEqual([loaded.kern_module_name, loaded.kern_module_name_2, loaded.kern_module_name_3], ['nf_tables', 'xt_nat', undefined]);
});

test('hostile values stay intact in valid JSON; long ones are cut with a marker', () => {
  const hostile = 'a"b\\c\nx\u0000y\u001d héllo 😀';
  const long = 'x'.repeat(10_000);
  const m = formatter({ maxValueLength: 100 }).format(
    event([syscall('59'), record('EXECVE', { argc: '3', a0: '/bin/echo', a1: hostile, a2: long })]),
  );
  const parsed = JSON.parse(JSON.stringify(m));
  assert.equal(parsed.details.command, `/bin/echo ${hostile} ${'x'.repeat(100 - 11 - hostile.length)}...[cut ${10_000 - (100 - 11 - hostile.length)} bytes]`);
  assert.equal(parsed.summary.startsWith(`Execve: /bin/echo ${hostile} x`), true);
  assert.match(parsed.summary, /\.\.\.\[cut \d+ bytes\]$/);
});

test('an UNKNOWN[n] record does not hide the SYSCALL category, but leads an event of its own', () => {
  const f = formatter();
  const withSyscall = f.format(event([syscall('90'), record('UNKNOWN[1327]', { proctitle: 'chmod' })]));
  assert.equal(withSyscall!.category, 'chmod');
  assert.equal(withSyscall!.details['proctitle_proctitle'], undefined, 'UNKNOWN[1327] is a PROCTITLE: left out');
  const alone = f.format(event([record('UNKNOWN[1420]', { op: 'x', res: '1' }), record('UNKNOWN[1420]', { op: 'y' })]));
  assert.deepEqual([alone!.category, alone!.summary, alone!.details.unknown1420_op, alone!.details.unknown14202_op], ['audit', 'UNKNOWN[1420]: op=x res=1', undefined, 'y']);
  const bpf = f.format(event([syscall('321'), record('UNKNOWN[1334]', { 'prog-id': '75', op: 'LOAD' })]));
  assert.deepEqual([bpf!.details['bpf_prog-id'], bpf!.details.bpf_op], ['75', 'LOAD'], 'an older auditd\'s BPF record, by its number');
  const both = f.format(event([syscall('321'), record('BPF', { 'prog-id': '75' }), record('UNKNOWN[1334]', { 'prog-id': '76' })]));
  assert.deepEqual([both!.details['bpf_prog-id'], both!.details['bpf2_prog-id']], ['75', '76'], 'numbered as one type');
});

test('a PROCTITLE or root\'s BPRM_FCAPS whose SYSCALL was lost leads its event: it is all the event says', () => {
  const f = formatter();
  const title = f.format(event([record('PROCTITLE', { proctitle: '/bin/bash -c id' }), record('CWD', { cwd: '/root' })]));
  assert.deepEqual([title!.category, title!.summary, title!.details.proctitle, title!.details.cwd], ['audit', 'PROCTITLE: proctitle=/bin/bash -c id', '/bin/bash -c id', '/root']);
  const caps = f.format(event([record('BPRM_FCAPS', { fver: '0', fp: '0', pp: '000001fffeffffff' })]));
  assert.deepEqual([caps!.summary, caps!.details.pp], ['BPRM_FCAPS: fver=0 fp=0 pp=000001fffeffffff', '000001fffeffffff']);
  // With the command from EXECVE, PROCTITLE still stays out.
  const exec = f.format(event([record('EXECVE', { argc: '1', a0: 'id' }), record('PROCTITLE', { proctitle: 'stale' })]));
  assert.deepEqual([exec!.summary, exec!.details.proctitle], ['Execve: id', undefined]);
});

test('an UNKNOWN[n] record beside the one that leads keeps its fields (real record, read in place)', { skip: !existsSync(corpusDir()) }, () => {
  // SERVICE_START, SYSCALL, SOCKADDR and UNKNOWN[1420]: an Ubuntu kernel's task contexts (1420 is
  // IPE_ACCESS in mainline kernels, so the number keeps its prefix).
  const message = formatter().format(corpusEvent('public/threathunters-io__laurel/src/testdata/record-service-start.txt'));
  assert.deepEqual([message?.category, message!.details.unknown1420_subj_apparmor], ['system', 'unconfined']);
});

test('SELinux AVC (no apparmor field) is emitted under "avc" with the parser\'s seresult and seperms', () => {
  const m = formatter().format(
    event([record('AVC', { seresult: 'denied', seperms: 'read', pid: '1234', comm: 'httpd', name: 'index.html', scontext: 'system_u:system_r:httpd_t:s0', tclass: 'file' })]),
  );
  assert.equal(m!.category, 'avc');
  assert.equal(m!.summary, 'AVC: seresult=denied seperms=read comm=httpd name=index.html scontext=system_u:system_r:httpd_t:s0 tclass=file');
  assert.deepEqual([m!.details.seresult, m!.details.processname, m!.details.pid], ['denied', 'httpd', '1234']);
});

test("an AVC on an IPC object keeps the object's key as key, not as the rule's auditkey (real records, read in place)", { skip: !existsSync(corpusDir()) }, () => {
  // SELinux denying mono a semaphore: AVC key=1291864389, SYSCALL key=(null).
  const denied = corpusEvent('public/SELinuxProject__selinux/python/sepolgen/tests/test_data/audit.log', 343);
  const message = parseMessage(new MozDefFormatter(OPTIONS, new KernelSyscallNames(), new TableUserDirectory()).format(denied));
  assert.match(message!.summary, / key=1291864389 /);
  assert.deepEqual([message!.details.key, message!.details.auditkey, message!.details.syscall], ['1291864389', undefined, 'ipc']);
});

test('old AppArmor record types carry the result in the type', () => {
  const m = formatter().format(
    event([record('APPARMOR_DENIED', { operation: 'exec', denied_mask: 'x', name: '/bin/ping', profile: '/bin/ping', pid: '7' })]),
  );
  assert.deepEqual([m!.category, m!.summary, m!.details.aaresult], ['apparmor', 'AppArmor DENIED: exec /bin/ping (profile /bin/ping)', 'DENIED']);
  const unknown = formatter().format(event([record('UNKNOWN[1502]', { operation: 'open', name: '/etc/x', profile: 'p' })]));
  assert.deepEqual([unknown!.category, unknown!.details.aaresult], ['apparmor', 'ALLOWED']);
});

test('an event without SYSCALL still tells its command, paths and socket address', () => {
  const f = formatter();
  const execve = f.format(event([record('EXECVE', { argc: '2', a0: 'top', a1: '-b' }), record('CWD', { cwd: '/root' })]));
  assert.deepEqual([execve!.category, execve!.summary, execve!.details.cwd], ['execve', 'Execve: top -b', '/root']);
  const path = f.format(event([pathRecord(0, '/run/user/0', 'NORMAL', '5')]));
  assert.deepEqual([path!.category, path!.summary, path!.details.inode], ['audit', 'PATH: /run/user/0', '5']);
  // A SOCKADDR whose SYSCALL was lost: where the socket went (169.254.169.254:80).
  const sockaddr = f.format(event([record('SOCKADDR', { saddr: '02000050A9FEA9FE0000000000000000' })]));
  assert.deepEqual([sockaddr!.summary, sockaddr!.details.sockaddr], ['SOCKADDR: 169.254.169.254:80', '{ saddr_fam=inet laddr=169.254.169.254 lport=80 }']);
});

test('a record with nothing but its type has the type as summary', () => {
  const m = formatter().format(event([record('DAEMON_END', {})]));
  assert.deepEqual([m!.category, m!.summary], ['auditdaemon', 'DAEMON_END']);
});

test('a user-space message cannot pass its text off as the SYSCALL values of its event', () => {
  // auditctl -m 'euid=0 key=innocent exe=/bin/true' while its sendto is audited: both records share the event
  const m = formatter().format(
    event([
      record('USER', { pid: '200', uid: '1000', auid: '1000', ses: '14', text: 'x', euid: '0', key: 'innocent', exe: '/bin/true' }),
      syscall('44', { uid: '1000', euid: '1000', key: 'audit-write', exe: '/usr/sbin/auditctl' }, { ...TAIL, UID: 'alice' }),
    ]),
  );
  assert.equal(m!.category, 'usermessage');
  assert.deepEqual(
    [m!.details.euid, m!.details.user_euid, m!.details.auditkey, m!.details.process, m!.details.user],
    ['1000', '0', 'audit-write', '/usr/sbin/auditctl', 'alice'],
  );
});
