import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import * as path from 'node:path';
import { MAIN_JS, runCli } from '../support/run-cli';
import { repoRoot } from '../support/paths';
import { tempDir as makeTempDir } from '../support/temp-dir';

function tempDir(t: { after: (fn: () => void) => void }): string {
  return makeTempDir(t, 'audisp-json-cli-');
}

function writeConf(dir: string, text: string, name = 'audisp-json.conf'): string {
  const file = path.join(dir, name);
  // Appended, so line numbers in the tests stay as written; never touch the system spool.
  writeFileSync(file, `${text}spool_dir = ${dir}/spool\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}

/**
 * Runs the program with `args` (writing `stdin` and keeping it open, if given), sends SIGTERM `afterMs`
 * after it logs that it is starting, and waits for it to exit.
 */
async function terminateAfterStart(args: string[], afterMs: number, stdin?: string): Promise<{ code: unknown; stderr: string }> {
  const child = spawn(process.execPath, [MAIN_JS, ...args], { stdio: [stdin === undefined ? 'ignore' : 'pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  if (stdin !== undefined) child.stdin!.write(stdin);
  for (let i = 0; i < 500 && !stderr.includes('starting'); i++) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, afterMs));
  child.kill('SIGTERM');
  const code = await new Promise((r) => child.on('close', r));
  return { code, stderr };
}

/** `details.auditserial` of each message in a file_log, in file order. */
function auditSerials(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').map((l) => (JSON.parse(l) as { details: { auditserial: string } }).details.auditserial);
}

test('--version and --help', async () => {
  const version = await runCli(['--version']);
  assert.equal(version.code, 0);
  assert.match(version.stdout, /^audisp-json \d+\.\d+\.\d+\n$/);
  const help = await runCli(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--check-config/);
  const bad = await runCli(['--bogus']);
  assert.equal(bad.code, 2);
});

test('install and uninstall answer from the command line (the installer is loaded only for them)', async (t) => {
  const help = await runCli(['install', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^usage: audisp-json install .*\n\s+audisp-json uninstall/);
  assert.match((await runCli(['--help'])).stdout, /audisp-json uninstall \[--root DIR\]/);
  // Under a root with auditd's plugin directory and no stanza: nothing to remove, said, not an error.
  const root = tempDir(t);
  mkdirSync(path.join(root, 'etc/audit/plugins.d'), { recursive: true });
  const uninstall = await runCli(['uninstall', '--root', root]);
  assert.equal(uninstall.code, 0, uninstall.stderr);
  assert.match(uninstall.stdout + uninstall.stderr, /nothing to remove at .*audisp-json\.conf/);
});

test('a config with three mistakes is refused with all three, each with file, line and key', async (t) => {
  const dir = tempDir(t);
  const conf = writeConf(dir, 'fiel_log = /tmp/x\nend_of_event_timeout = soon\n# comment\nignore_empty_execve = perhaps\n');
  const result = await runCli(['--config', conf, '--check-config']);
  assert.equal(result.code, 1);
  assert.match(result.stderr, new RegExp(`${conf}:1: fiel_log: .*file_log`));
  assert.match(result.stderr, new RegExp(`${conf}:2: end_of_event_timeout`));
  assert.match(result.stderr, new RegExp(`${conf}:4: ignore_empty_execve`));
});

test('a missing file_log directory is a clear error at start, naming file, line and key', async (t) => {
  const dir = tempDir(t);
  const conf = writeConf(dir, `sinks = file\nfile_log = ${dir}/missing/out.log\n`);
  const result = await runCli(['--config', conf, '--check-config']);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /missing.*does not exist/);
  assert.match(result.stderr, new RegExp(`${conf}:2: file_log`));
});

test('a config refused at a real start (not --check-config) exits 1 at once: the early formatting worker does not hold the process', async (t) => {
  const dir = tempDir(t);
  const conf = writeConf(dir, 'fiel_log = /tmp/x\n');
  const result = await runCli(['--config', conf, '--input', path.join(dir, 'none.log')], undefined, 10_000);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /bad config, not starting/);
});

test('a world-writable config is refused', async (t) => {
  const dir = tempDir(t);
  const conf = writeConf(dir, 'sinks = stdout\n');
  chmodSync(conf, 0o666);
  const result = await runCli(['--config', conf, '--check-config']);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /world-writable/);
});

test('file_log: one JSON message per line, created 0600, wrapped by prepend_msg/postpend_msg', async (t) => {
  const dir = tempDir(t);
  const out = path.join(dir, 'out.log');
  const conf = writeConf(dir, `file_log = ${out}\nprepend_msg = {"message":\npostpend_msg = }\nhostname = test.host\n`);
  const example = path.join(repoRoot(), 'examples', 'basic.log');
  const result = await runCli(['--config', conf, '--input', example]);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(statSync(out).mode & 0o777, 0o600);
  const lines = readFileSync(out, 'utf8').split('\n').filter((l) => l !== '');
  assert.ok(lines.length > 100);
  for (const line of lines) {
    const wrapped = JSON.parse(line) as { message: { hostname: string; details: Record<string, unknown> } };
    assert.equal(wrapped.message.hostname, 'test.host');
    for (const value of Object.values(wrapped.message.details)) assert.equal(typeof value, 'string');
  }
});

test('bad input is counted and reported, never fatal, and loses nothing else', async (t) => {
  const dir = tempDir(t);
  const out = path.join(dir, 'out.log');
  const conf = writeConf(dir, `file_log = ${out}\nhostname = h\n`);
  const good = 'type=USER_ACCT msg=audit(1795585826.135:100): pid=1 uid=0 auid=1000 ses=3 msg=\'op=PAM:accounting acct="root" exe="/usr/sbin/runuser" res=success\'';
  const feed = Buffer.concat([
    Buffer.from(`${good}\n`),
    Buffer.from('type=SYSCALL msg=audit(1795585826.2:1\n'), // truncated header
    Buffer.from([0x00, 0xff, 0xfe, 0x1d, 0x0a]), // binary garbage
    Buffer.from(`type=PROCTITLE msg=audit(1795585826.3:102): proctitle=${'41'.repeat(512 * 1024)}\n`), // 1 MB line
    Buffer.from('this is not an audit record\n'),
    Buffer.from('type=SYSCALL arch=c000003e syscall=59\n'), // no msg=audit(...)
    Buffer.from('type=EOE msg=audit(1795585826.4:999):\n'), // EOE of an unknown event
    Buffer.from(`${good.replace(':100)', ':101)')}\n`),
  ]);
  const result = await runCli(['--config', conf], feed);
  assert.equal(result.code, 0, result.stderr);
  const messages = readFileSync(out, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { details: { auditserial: string } });
  const serials = messages.map((m) => m.details.auditserial);
  assert.ok(serials.includes('100') && serials.includes('101') && serials.includes('102'), serials.join(','));
  assert.match(result.stderr, /malformed\.bad_audit_header=1/);
  assert.match(result.stderr, /malformed\.no_type=2/);
  assert.match(result.stderr, /malformed\.no_audit_header=1/);
  assert.match(result.stderr, /cut_long_line=1/);
  assert.match(result.stderr, /eoe_without_event=1/);
});

test('SIGHUP reopens file_log (logrotate) and keeps running; EOF drains and exits 0', async (t) => {
  const dir = tempDir(t);
  const out = path.join(dir, 'out.log');
  const conf = writeConf(dir, `file_log = ${out}\nhostname = h\n`);
  const child = spawn(process.execPath, [MAIN_JS, '--config', conf], { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const user = (serial: number) => `type=USER msg=audit(1795585826.1:${serial}): pid=1 uid=0 auid=0 ses=1 msg='text=x res=success'\n`;
  const waitFor = async (predicate: () => boolean) => {
    for (let i = 0; i < 200 && !predicate(); i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(predicate(), stderr);
  };
  const lines = (file: string) => { try { return readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').length; } catch { return 0; } };
  child.stdin.write(user(1));
  await waitFor(() => lines(out) === 1);
  renameSync(out, `${out}.1`);
  child.kill('SIGHUP');
  await waitFor(() => stderr.includes('reloaded'));
  child.stdin.write(user(2));
  await waitFor(() => lines(out) === 1);
  child.stdin.end(user(3));
  const code = await new Promise((r) => child.on('close', r));
  assert.equal(code, 0, stderr);
  assert.equal(lines(`${out}.1`), 1);
  assert.equal(lines(out), 2);
});

test('wrap_check = yes refuses wrappers that cannot make valid JSON, naming the keys', async (t) => {
  const dir = tempDir(t);
  const conf = writeConf(dir, `sinks = stdout\nwrap_check = yes\nprepend_msg = {"message":\npostpend_msg = ]\n`);
  const result = await runCli(['--config', conf, '--check-config']);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /prepend_msg.*postpend_msg.*valid JSON/);
  const good = writeConf(dir, `sinks = stdout\nwrap_check = yes\nprepend_msg = {"message":\npostpend_msg = }\n`, 'good.conf');
  assert.equal((await runCli(['--config', good, '--check-config'])).code, 0);
});

test('an unreadable curl_cainfo is refused at start with file, line and key', async (t) => {
  const dir = tempDir(t);
  const conf = writeConf(dir, `sinks = mozdef\ncurl_cainfo = ${dir}/no-such-ca.pem\n`);
  const result = await runCli(['--config', conf, '--check-config']);
  assert.equal(result.code, 1);
  assert.match(result.stderr, new RegExp(`${conf}:2: curl_cainfo: cannot read .*ENOENT`));
});

test('SIGTERM with stdin still open: stops reading, flushes open events, drains, exits 0', async (t) => {
  const dir = tempDir(t);
  const out = path.join(dir, 'out.log');
  const conf = writeConf(dir, `file_log = ${out}\nhostname = h\nend_of_event_timeout = 600\n`);
  // A user-space event (complete at once) and a kernel event without EOE (open until flushed); stdin stays open.
  const stdin =
    "type=USER msg=audit(1795585826.1:1): pid=1 uid=0 auid=0 ses=1 msg='text=x res=success'\n" +
    'type=SYSCALL msg=audit(1795585826.2:2): arch=c000003e syscall=90 success=yes exit=0 pid=5 ppid=1 uid=0 comm="x" exe="/usr/bin/x"\n';
  const { code, stderr } = await terminateAfterStart(['--config', conf], 300, stdin);
  assert.equal(code, 0, stderr);
  assert.match(stderr, /SIGTERM: stopping/);
  assert.deepEqual(auditSerials(out).sort(), ['1', '2']);
});

test('SIGTERM during an --input replay: stops reading at a chunk, loses no whole line, exits 0 without a read error', async (t) => {
  const dir = tempDir(t);
  const out = path.join(dir, 'out.log');
  const feed = path.join(dir, 'audit.log');
  const lines = 600_000;
  const records: string[] = [];
  for (let i = 1; i <= lines; i++) records.push(`type=USER msg=audit(1795585826.${i % 1000}:${i}): pid=1 uid=0 auid=0 ses=1 msg='text=x res=success'\n`);
  writeFileSync(feed, records.join(''));
  const conf = writeConf(dir, `file_log = ${out}\nhostname = h\nstats_interval = 0\n`);
  const { code, stderr } = await terminateAfterStart(['--config', conf, '--input', feed], 100);
  assert.equal(code, 0, stderr);
  assert.match(stderr, /SIGTERM: stopping/);
  assert.doesNotMatch(stderr, /error|read_errors/, stderr);
  const serials = auditSerials(out).map(Number);
  assert.ok(serials.length > 0 && serials.length < lines, `${serials.length} of ${lines} events before the stop: the replay was not stopped part-way`);
  // Whole lines only, in order, none skipped: the events are the first ones of the file.
  assert.deepEqual(serials, serials.map((_, i) => i + 1));
});
