import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kernelField, parseRecordLine } from '../../../src/core/audit/parse-record';
import type { AuditRecord } from '../../../src/core/audit/audit-record';

function record(line: string): AuditRecord {
  const outcome = parseRecordLine(line);
  assert.ok(outcome.ok, `expected a record: ${line}`);
  return outcome.record;
}

test('parses header, quoted and plain values, and the ENRICHED tail', () => {
  const r = record(
    'type=SYSCALL msg=audit(1795580025.014:25): arch=c000003e syscall=59 success=yes comm="cat" exe="/usr/bin/cat" key="exec"\x1dARCH=x86_64 SYSCALL=execve AUID="unset" UID="root"',
  );
  assert.equal(r.type, 'SYSCALL');
  assert.equal(r.time, '1795580025.014');
  assert.equal(r.serial, 25);
  assert.equal(r.node, undefined);
  assert.equal(r.fields.get('arch'), 'c000003e');
  assert.equal(r.fields.get('comm'), 'cat');
  assert.equal(r.fields.get('key'), 'exec');
  assert.equal(r.enriched?.get('SYSCALL'), 'execve');
  assert.equal(r.enriched?.get('AUID'), 'unset');
});

test('node= prefix, hex values decoded, (null) left out', () => {
  const r = record('node=web1 type=PATH msg=audit(1.5:7): item=0 name=2F746D702F6120622263 inode=12 key=(null) cwd=(none)');
  assert.equal(r.node, 'web1');
  assert.equal(r.fields.get('name'), '/tmp/a b"c');
  assert.equal(r.fields.has('key'), false);
  assert.equal(r.fields.has('cwd'), false);
});

test('hex that is not UTF-8 keeps every byte as \\xNN', () => {
  const r = record('type=CWD msg=audit(1.5:7): cwd=2FFF41');
  assert.equal(r.fields.get('cwd'), '/\\xffA');
});

test('SYSCALL a0..a3 are numbers, not hex text; EXECVE aN are decoded', () => {
  const s = record('type=SYSCALL msg=audit(1.5:7): a0=41 a1=4142');
  assert.equal(s.fields.get('a1'), '4142');
  const e = record('type=EXECVE msg=audit(1.5:7): argc=2 a0="ls" a1=2D6C2061');
  assert.equal(e.fields.get('a0'), 'ls');
  assert.equal(e.fields.get('a1'), '-l a');
});

test("an AVC's key is an IPC object's id in decimal, not hex text, and its abstract socket path an @name; a rule's key elsewhere is decoded", () => {
  const avc = record('type=AVC msg=audit(1.5:7): avc:  denied  { create } for  pid=4253 comm="mono" key=1291864389 tclass=sem');
  assert.equal(avc.fields.get('key'), '1291864389');
  assert.equal(kernelField(avc, 'key'), '1291864389');
  // An abstract unix socket's name (a NUL first): as ss writes it, not as a file's path.
  const socket = record('type=AVC msg=audit(1.5:7): avc:  denied  { sendto } for  pid=1 comm="udevd" path=002F6F72672F78000000 tclass=unix_dgram_socket');
  assert.equal(socket.fields.get('path'), '@/org/x');
  assert.equal(record('type=AVC msg=audit(1.5:7): avc:  denied  { read } for  path=2F746D702F612062').fields.get('path'), '/tmp/a b');
  const change = record('type=CONFIG_CHANGE msg=audit(1.5:7): auid=0 op=add_rule key=31203220 list=4 res=1');
  assert.equal(change.fields.get('key'), '1 2 ');
});

test('EXECVE pieces aN[i] are kept as written for reassembly', () => {
  const e = record('type=EXECVE msg=audit(1.5:7): a1_len=8 a1[0]=4142 a1[1]="cd"');
  assert.equal(e.fields.get('a1_len'), '8');
  assert.equal(e.fields.get('a1[0]'), '4142');
  assert.equal(e.fields.get('a1[1]'), '"cd"');
});

test("user-space msg='...' bodies are flattened; outer fields win; a forged 0x1d tail is only the tail", () => {
  const r = record(
    "type=USER msg=audit(1795585826.1:99): pid=1 uid=0 auid=1000 ses=3 msg='text=gs \x1d UID=\"x\" uid=5 exe=\"/usr/sbin/auditctl\" res=success'\x1dUID=\"forged\" AUID=\"root\"",
  );
  assert.equal(r.fields.get('uid'), '0');
  assert.equal(r.enriched?.get('UID'), 'forged');
  assert.equal(r.fields.get('auid'), '1000');
});

test("a body's own repeated field is kept, in order; only the fields the kernel's record has are left out of it", () => {
  const r = record("type=USER msg=audit(1795585826.1:99): pid=1 uid=0 auid=1000 ses=3 msg='uid=5 res=success op=x res=failed pid=7'");
  assert.deepEqual([...r.fields], [['pid', '1'], ['uid', '0'], ['auid', '1000'], ['ses', '3'], ['res', 'success'], ['op', 'x'], ['res', 'failed']]);
  assert.equal(r.fields.get('res'), 'success');
});

test('PAM bodies and quoted values with spaces', () => {
  const r = record(
    "type=USER_ACCT msg=audit(1.5:7): pid=9 uid=0 msg='op=PAM:accounting grantors=pam_permit acct=\"root\" exe=\"/usr/sbin/runuser\" hostname=? res=success'",
  );
  assert.equal(r.fields.get('op'), 'PAM:accounting');
  assert.equal(r.fields.get('acct'), 'root');
  assert.equal(r.fields.get('res'), 'success');
});

test('user-space op= and text= values with spaces are kept whole: shadow-utils\' op, auditctl -m\'s text', () => {
  // As this kernel printed `auditctl -m "hello big world"` and as useradd writes its records.
  const m = record(`type=USER msg=audit(1796192776.076:102237): pid=22107 uid=0 auid=4294967295 ses=4294967295 msg='text=hello big world exe="/usr/sbin/auditctl" hostname=? addr=? terminal=? res=success'`);
  assert.deepEqual([m.fields.get('text'), m.fields.get('exe'), m.fields.get('res')], ['hello big world', '/usr/sbin/auditctl', 'success']);
  const add = record(`type=ADD_USER msg=audit(1.5:7): pid=1 uid=0 auid=1000 ses=14 msg='op=adding user id=4242 exe="/usr/sbin/useradd" res=success'`);
  assert.deepEqual([add.fields.get('op'), add.fields.get('id')], ['adding user', '4242']);
  const quoted = record(`type=USER_CHAUTHTOK msg=audit(1.5:7): pid=1 msg='op=changing password "x" acct="bob"'`);
  assert.deepEqual([quoted.fields.get('op'), quoted.fields.get('acct')], ['changing password', 'bob']);
  // Kernel records keep one word per value: `old=0 by auid=...`.
  const config = record('type=CONFIG_CHANGE msg=audit(1162905957.979:51): audit_enabled=1 old=0 by auid=4294967295 subj=system_u:system_r:auditd_t:s0');
  assert.deepEqual([config.fields.get('old'), config.fields.get('auid')], ['0', '4294967295']);
});

test("a ' in a user-space value (libaudit leaves it unencoded) does not end the body: a typed login name cannot make fields", () => {
  const r = record(
    "type=USER_AUTH msg=audit(1670000000.100:41): pid=55 uid=0 auid=4294967295 ses=4294967295 msg='op=PAM:authentication grantors=? acct=\"x'res=success'\" exe=\"/usr/sbin/sshd\" hostname=10.0.0.9 addr=10.0.0.9 terminal=ssh res=failed'\x1dUID=\"root\" AUID=\"unset\"",
  );
  assert.deepEqual(['acct', 'exe', 'res'].map((k) => r.fields.get(k)), ["x'res=success'", '/usr/sbin/sshd', 'failed']);
  assert.equal(r.enriched?.get('UID'), 'root');
  // Unterminated: the body runs to the end of the kernel's part.
  assert.equal(record("type=USER_AUTH msg=audit(1.5:7): pid=1 msg='op=x res=failed\x1dUID=\"root\"").fields.get('res'), 'failed');
});

test('the parenthesized list of old PAM and D-Bus bodies, and auditd 1.x commas, are not part of keys and values', () => {
  // In the forms of RHEL 5's PAM, dbus-daemon and auditd 1.2 (seen in the shared corpus's public logs).
  const pam = record("type=CRED_ACQ msg=audit(1190000000.001:31): user pid=4100 uid=0 auid=4294967295 msg='op=PAM:setcred acct=root exe=\"/usr/sbin/crond\" (hostname=?, addr=?, terminal=cron res=failed)'");
  assert.deepEqual(
    ['hostname', 'addr', 'terminal', 'res'].map((k) => pam.fields.get(k)),
    ['?', '?', 'cron', 'failed'],
  );
  assert.equal(pam.fields.has('(hostname'), false);
  const dbus = record("type=USER_AVC msg=audit(1160000000.002:32): user pid=700 uid=81 auid=500 msg='avc:  received policyload notice (seqno=2)  exe=\"/bin/dbus-daemon\" (sauid=81, hostname=?, addr=?, terminal=?)'");
  assert.deepEqual(['seqno', 'sauid', 'terminal'].map((k) => dbus.fields.get(k)), ['2', '81', '?']);
  const daemon = record('type=DAEMON_START msg=audit(1160000000.003:33) auditd start, ver=1.2.9, format=raw, auid=4294967295 pid=1500 res=success, auditd pid=1500');
  assert.deepEqual(['text', 'ver', 'format', 'res'].map((k) => daemon.fields.get(k)), ['auditd start', '1.2.9', 'raw', 'success']);
  // A value's own parentheses stay; a lone `,` or `)` is a value as written.
  const own = record("type=USER_START msg=audit(1.5:7): pid=1 msg='comm=(sd-pam) a=, b=) res=success'");
  assert.deepEqual(['comm', 'a', 'b'].map((k) => own.fields.get(k)), ['(sd-pam)', ',', ')']);
  // A lone `(` is no key.
  assert.deepEqual([...record("type=USER msg=audit(1.5:7): pid=1 msg='(=x res=success'").fields].map(([k]) => k), ['pid', 'res']);
});

test("older kernels' LOGIN says old and new in words: old auid= becomes old-auid, new auid= auid", () => {
  const login = record('type=LOGIN msg=audit(1489636960.072:19623791): pid=28281 uid=0 old auid=700 new auid=0 old ses=6793 new ses=12286');
  assert.deepEqual(
    ['old-auid', 'auid', 'old-ses', 'ses'].map((k) => login.fields.get(k)),
    ['700', '0', '6793', '12286'],
  );
  assert.equal(record('type=LOGIN msg=audit(1.5:7): login pid=1 uid=0 old auid=4294967295 new auid=0').fields.get('auid'), '0');
});

test('the words a kernel record has before its fields are kept as text, all of it without fields; not an AVC\'s', () => {
  const old = record(`type=APPARMOR msg=audit(1173790298.651:1662): REJECTING access to syscall 'ptrace' (syscall_ptrace(25210) profile /p active /p)`);
  assert.deepEqual([...old.fields], [['text', "REJECTING access to syscall 'ptrace' (syscall_ptrace(25210) profile /p active /p)"]]);
  assert.deepEqual([...record('type=MAC_POLICY_LOAD msg=audit(1.5:7): policy loaded auid=500').fields], [['text', 'policy loaded'], ['auid', '500']]);
  const error = record('type=SELINUX_ERR msg=audit(1.5:7): security_compute_sid:  invalid context staff_u:sysadm_r:initrc_t:s0 for scontext=staff_u:sysadm_r:initrc_t:s0 tclass=process');
  assert.deepEqual([error.fields.get('text'), error.fields.get('scontext')], ['security_compute_sid: invalid context staff_u:sysadm_r:initrc_t:s0 for', 'staff_u:sysadm_r:initrc_t:s0']);
  const avc = record('type=AVC msg=audit(1.5:7): avc:  denied  { read } for  pid=1 comm="x"');
  assert.deepEqual([...avc.fields].map(([k]) => k), ['seresult', 'seperms', 'pid', 'comm']);
  // A lone word before the fields is the record's kind (older kernels), words after a field stay out.
  assert.equal(record("type=CRED_ACQ msg=audit(1.5:7): user pid=8264 uid=0 msg='PAM: setcred acct=root'").fields.has('text'), false);
  assert.equal(record('type=CONFIG_CHANGE msg=audit(1.5:7): audit_enabled=1 old=0 by auid=4294967295').fields.has('text'), false);
  assert.deepEqual([...record('type=X msg=audit(1.5:7): key=(null)').fields], []);
  assert.deepEqual([...record('type=EOE msg=audit(1.5:7):').fields], []);
});

test('SELinux AVC prose gives seresult and seperms', () => {
  const r = record('type=AVC msg=audit(1.5:7): avc:  denied  { read write } for  pid=1 comm="x" scontext=a tclass=file');
  assert.equal(r.fields.get('seresult'), 'denied');
  assert.equal(r.fields.get('seperms'), 'read,write');
  assert.equal(r.fields.get('tclass'), 'file');
});

test('header variants: no msg=, no colon, host= prefix', () => {
  assert.equal(record('type=SYSCALL audit(1572298453.690:5717): arch=c00000b7').serial, 5717);
  assert.equal(record('type=DAEMON_CONFIG msg=audit(1490239800.477:34) config changed').serial, 34);
  assert.equal(record('host=h1 type=AVC msg=audit(1.2:3): x=1').node, 'h1');
});

test('ENRICHED structures in braces stay whole', () => {
  const r = record('type=SOCKADDR msg=audit(1.5:7): saddr=0200\x1dSADDR={ saddr_fam=inet laddr=127.0.0.1 lport=22 }');
  assert.equal(r.enriched?.get('SADDR'), '{ saddr_fam=inet laddr=127.0.0.1 lport=22 }');
  // A socket path with braces (linux-audit-parser-rs's line-sockaddr-unix-2), then another field.
  const braces = record('type=SOCKADDR msg=audit(1.5:7): saddr=0100\x1dSADDR={ fam=local path=/tmp/{9e2c}x } NEXT=1');
  assert.deepEqual([braces.enriched?.get('SADDR'), braces.enriched?.get('NEXT')], ['{ fam=local path=/tmp/{9e2c}x }', '1']);
  assert.equal(record('type=SOCKADDR msg=audit(1.5:7): saddr=0100\x1dSADDR={ cut').enriched?.get('SADDR'), '{ cut');
});

test('lines that are not records say why', () => {
  const cases: [string, string][] = [
    ['', 'blank'],
    ['   ', 'blank'],
    ['# comment', 'comment'],
    ['hello world', 'no_type'],
    ['type=UNKNOWN[1329] msg=?', 'no_audit_header'],
    ['type=AVC msg=audit(12799========================8288.415:39): x', 'bad_audit_header'],
    ['type=SYSCALL msg=audit(1.2:x)', 'bad_audit_header'],
    ['\x00\x01\xff garbage \x1d', 'no_type'],
  ];
  for (const [line, reason] of cases) {
    const outcome = parseRecordLine(line);
    assert.equal(outcome.ok, false, line);
    if (!outcome.ok) assert.equal(outcome.reason, reason, line);
  }
});

test('a truncated record still parses what it has', () => {
  const r = record('type=SYSCALL msg=audit(1.5:7): arch=c000003e comm="ca');
  assert.equal(r.fields.get('arch'), 'c000003e');
  assert.equal(r.fields.get('comm'), 'ca');
});

test('a value without a key (`= allow`) is not a field: no empty key, which Elasticsearch would refuse', () => {
  // The IPE record of an out-of-tree kernel (microsoft/OMS-Auditd-Plugin's fixtures).
  const r = record('type=INTEGRITY_POLICY_RULE audit(1572298453.690:5717): IPE=ctx ( op: [execute] ) [ action = allow ] [ boot_verified = true ] x=1 =2');
  assert.deepEqual([...r.fields], [['IPE', 'ctx'], ['x', '1']]);
});

test('kernelField reads one field in place, with the values the parser gives', () => {
  const r = record(
    'type=SYSCALL msg=audit(1.5:7): arch=c000003e ppid=10 pid=11 tty=(none) comm="c a" exe=2F746D702F6120622263 key=(null)\x1dARCH=x86_64 pid=99 AUID="root"',
  );
  for (const key of ['arch', 'ppid', 'pid', 'tty', 'comm', 'exe', 'key', 'AUID', 'nope']) {
    assert.equal(kernelField(r, key), r.fields.get(key), key);
  }
  assert.equal(kernelField(r, 'pid'), '11', 'not ppid, not the ENRICHED tail');
  assert.equal(kernelField(r, 'exe'), '/tmp/a b"c');
  assert.equal(kernelField(r, 'AUID'), undefined, 'the tail is not the body');
});
