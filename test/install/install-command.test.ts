import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runInstall, runUninstall, type InstallIo } from '../../src/install/install-command';
import type { ControlResult } from '../../src/install/auditd-control';

interface Scratch {
  root: string;
  template: string;
  io: InstallIo;
  out: string[];
  err: string[];
}

function scratch(layout: 'etc/audit/plugins.d' | 'etc/audisp/plugins.d' | null = 'etc/audit/plugins.d'): Scratch {
  const root = mkdtempSync(path.join(tmpdir(), 'audisp-json-install-'));
  if (layout) mkdirSync(path.join(root, layout), { recursive: true });
  const template = path.join(root, 'template.conf');
  writeFileSync(template, '# defaults\nfile_log = /var/log/audisp-json.log\n');
  const out: string[] = [];
  const err: string[] = [];
  return { root, template, out, err, io: { out: (l) => out.push(l), err: (l) => err.push(l) } };
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

const base = (s: Scratch): string[] => ['--root', s.root, '--config-template', s.template, '--launcher', '/usr/sbin/audisp-json'];

test('install writes an active string stanza and the default config, mode 0640, and says how to reload', async (t) => {
  const s = scratch();
  t.after(() => rmSync(s.root, { recursive: true, force: true }));
  assert.equal(await runInstall(base(s), s.io), 0);
  const stanza = path.join(s.root, 'etc/audit/plugins.d/audisp-json.conf');
  const text = readFileSync(stanza, 'utf8');
  for (const line of ['active = yes', 'direction = out', 'path = /usr/sbin/audisp-json', 'type = always', 'format = string']) {
    assert.ok(text.split('\n').includes(line), `stanza has "${line}"`);
  }
  assert.equal(statSync(stanza).mode & 0o777, 0o640);
  const config = path.join(s.root, 'etc/audit/audisp-json.conf');
  assert.match(readFileSync(config, 'utf8'), /^# audisp-json install: .*\n# defaults\nfile_log = \/var\/log\/audisp-json.log\n$/);
  assert.equal(statSync(config).mode & 0o777, 0o640);
  assert.ok(s.out.some((l) => l.includes('restart')), 'tells how to make auditd take it up');
  assert.deepEqual(s.err, []);
});

test('install --format binary writes format = binary', async (t) => {
  const s = scratch();
  t.after(() => rmSync(s.root, { recursive: true, force: true }));
  assert.equal(await runInstall([...base(s), '--format', 'binary'], s.io), 0);
  assert.match(readFileSync(path.join(s.root, 'etc/audit/plugins.d/audisp-json.conf'), 'utf8'), /^format = binary$/m);
  assert.equal(await runInstall([...base(s), '--format', 'xml'], s.io), 2);
});

test('install then uninstall leaves the scratch root exactly as it was', async (t) => {
  const s = scratch();
  t.after(() => rmSync(s.root, { recursive: true, force: true }));
  const before = files(s.root);
  assert.equal(await runInstall(base(s), s.io), 0);
  assert.equal(await runInstall(base(s), s.io), 0); // twice: still one stanza, config kept
  assert.equal(await runUninstall(['--root', s.root], s.io), 0);
  assert.deepEqual(files(s.root), before);
});

test('install keeps an existing config, and uninstall never removes a config it did not write', async (t) => {
  const s = scratch();
  t.after(() => rmSync(s.root, { recursive: true, force: true }));
  const config = path.join(s.root, 'etc/audit/audisp-json.conf');
  writeFileSync(config, 'mozdef_url = https://mozdef.example/events\n');
  assert.equal(await runInstall(base(s), s.io), 0);
  assert.equal(await runUninstall(['--root', s.root], s.io), 0);
  assert.equal(readFileSync(config, 'utf8'), 'mozdef_url = https://mozdef.example/events\n');
});

test('uninstall keeps a config written by install but edited since', async (t) => {
  const s = scratch();
  t.after(() => rmSync(s.root, { recursive: true, force: true }));
  assert.equal(await runInstall(base(s), s.io), 0);
  const config = path.join(s.root, 'etc/audit/audisp-json.conf');
  writeFileSync(config, `${readFileSync(config, 'utf8')}file_log = /srv/audit.json\n`);
  assert.equal(await runUninstall(['--root', s.root], s.io), 0);
  assert.ok(existsSync(config));
  assert.ok(s.out.some((l) => l.includes('changed after install')));
});

test("the package's inactive stanza is switched on by install and off again by uninstall, byte for byte", async (t) => {
  const s = scratch();
  t.after(() => rmSync(s.root, { recursive: true, force: true }));
  const stanza = path.join(s.root, 'etc/audit/plugins.d/audisp-json.conf');
  const packaged = '# packaged\nactive = no\ndirection = out\npath = /usr/sbin/audisp-json\ntype = always\nformat = string\n';
  writeFileSync(stanza, packaged);
  assert.equal(await runInstall(base(s), s.io), 0);
  assert.match(readFileSync(stanza, 'utf8'), /^active = yes$/m);
  assert.doesNotMatch(readFileSync(stanza, 'utf8'), /^active = no$/m);
  assert.equal(await runUninstall(['--root', s.root], s.io), 0);
  assert.equal(readFileSync(stanza, 'utf8'), packaged);
});

test('uninstall leaves alone a stanza of the same name that install did not write', async (t) => {
  const s = scratch();
  t.after(() => rmSync(s.root, { recursive: true, force: true }));
  const stanza = path.join(s.root, 'etc/audit/plugins.d/audisp-json.conf');
  writeFileSync(stanza, 'active = yes\npath = /opt/other\n');
  assert.equal(await runUninstall(['--root', s.root], s.io), 0);
  assert.equal(readFileSync(stanza, 'utf8'), 'active = yes\npath = /opt/other\n');
});

test('audit 2.x layout: the stanza goes to /etc/audisp/plugins.d and the config beside it', async (t) => {
  const s = scratch('etc/audisp/plugins.d');
  t.after(() => rmSync(s.root, { recursive: true, force: true }));
  assert.equal(await runInstall(base(s), s.io), 0);
  assert.ok(existsSync(path.join(s.root, 'etc/audisp/plugins.d/audisp-json.conf')));
  assert.ok(existsSync(path.join(s.root, 'etc/audisp/audisp-json.conf')));
});

test('no auditd layout at all: install refuses and writes nothing', async (t) => {
  const s = scratch(null);
  t.after(() => rmSync(s.root, { recursive: true, force: true }));
  assert.equal(await runInstall(base(s), s.io), 1);
  assert.match(s.err.join('\n'), /is auditd installed/);
  assert.deepEqual(files(s.root), ['template.conf']);
});

test('--reload restarts auditd through the injected control and reports it; never on a scratch root', async (t) => {
  const s = scratch();
  t.after(() => rmSync(s.root, { recursive: true, force: true }));
  let restarts = 0;
  const restart = async (): Promise<ControlResult> => ((restarts += 1), { ok: true, detail: 'restarted auditd (test)' });
  assert.equal(await runInstall([...base(s), '--reload'], s.io, { restart }), 2);
  assert.equal(restarts, 0);
  assert.match(s.err.join('\n'), /not restarting/);
});

test('the launcher must be an absolute path and unknown options are refused', async (t) => {
  const s = scratch();
  t.after(() => rmSync(s.root, { recursive: true, force: true }));
  assert.equal(await runInstall(['--root', s.root, '--launcher', 'bin/x'], s.io), 2);
  assert.equal(await runInstall(['--root', s.root, '--bogus'], s.io), 2);
  assert.equal(await runUninstall(['--root', s.root, '--bogus'], s.io), 2);
});
