import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '../support/paths';

// Builds the .deb with scripts/package-deb.sh and installs it into a scratch root with
// `dpkg --root --force-script-chrootless` (maintainer scripts honour DPKG_ROOT), then runs the installed
// launcher with this machine's node (Debian 12's own nodejs is 18: the package depends on >= 20).
const root = repoRoot();
const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
const missing = ['dpkg', 'dpkg-deb'].filter((c) => spawnSync('sh', ['-c', `command -v ${c}`]).status !== 0);
const skip = missing.length > 0 ? `needs ${missing.join(', ')}` : process.getuid?.() !== 0 ? 'needs root (dpkg --root)' : false;
if (skip) console.log(`# package-deb tests skipped: ${skip}`);

let work = '';
let deb = '';
let scratch = '';
const dpkg = (...args: string[]): string =>
  execFileSync('dpkg', [`--root=${scratch}`, '--force-script-chrootless', '--force-depends', '--log=/dev/null', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

before(() => {
  if (skip) return;
  work = mkdtempSync(path.join(tmpdir(), 'audisp-json-deb-'));
  deb = execFileSync('bash', [path.join(root, 'scripts/package-deb.sh'), path.join(work, 'out')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 }).trim();
  scratch = path.join(work, 'root');
  for (const d of ['info', 'updates', 'triggers']) mkdirSync(path.join(scratch, 'var/lib/dpkg', d), { recursive: true });
  writeFileSync(path.join(scratch, 'var/lib/dpkg/status'), '');
});
after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the .deb declares its dependencies, conffiles and architecture', { skip }, () => {
  assert.equal(path.basename(deb), `audisp-json_${version}_all.deb`);
  const field = (f: string): string => execFileSync('dpkg-deb', ['-f', deb, f], { encoding: 'utf8' }).trim();
  assert.equal(field('Package'), 'audisp-json');
  assert.equal(field('Version'), version);
  assert.equal(field('Depends'), 'nodejs (>= 20), auditd');
  assert.equal(field('Architecture'), 'all');
  const conffiles = execFileSync('dpkg-deb', ['-I', deb, 'conffiles'], { encoding: 'utf8' });
  assert.deepEqual(conffiles.trim().split('\n').sort(), ['/etc/audit/audisp-json.conf', '/etc/audit/plugins.d/audisp-json.conf']);
});

test('installed into a scratch root, `audisp-json --version` runs from /usr/sbin', { skip }, () => {
  dpkg('-i', deb);
  const launcher = path.join(scratch, 'usr/sbin/audisp-json');
  assert.ok(lstatSync(launcher).isSymbolicLink());
  assert.equal(readlinkSync(launcher), '../lib/audisp-json/bin/audisp-json'); // relative: works in any root
  const out = execFileSync(launcher, ['--version'], { encoding: 'utf8' });
  assert.match(out, new RegExp(version.replace(/\./g, '\\.')));
  const listed = dpkg('-L', 'audisp-json').split('\n');
  for (const f of ['/etc/audit/audisp-json.conf', '/etc/audit/plugins.d/audisp-json.conf', '/usr/sbin/audisp-json']) {
    assert.ok(listed.includes(f), `dpkg -L lists ${f}`);
  }
});

test('the packaged stanza is inactive and the etc files are 0640; no dev dependencies or tests shipped', { skip }, () => {
  const stanza = path.join(scratch, 'etc/audit/plugins.d/audisp-json.conf');
  assert.match(readFileSync(stanza, 'utf8'), /^active = no$/m);
  assert.match(readFileSync(stanza, 'utf8'), /^path = \/usr\/sbin\/audisp-json$/m);
  assert.equal(statSync(stanza).mode & 0o777, 0o640);
  assert.equal(statSync(path.join(scratch, 'etc/audit/audisp-json.conf')).mode & 0o777, 0o640);
  assert.ok(existsSync(path.join(scratch, 'usr/share/doc/audisp-json/audit.rules')));
  const lib = path.join(scratch, 'usr/lib/audisp-json');
  assert.ok(existsSync(path.join(lib, 'node_modules/kafkajs')));
  assert.ok(!existsSync(path.join(lib, 'node_modules/typescript')), 'no devDependencies');
  assert.deepEqual(readdirSync(path.join(lib, 'dist')), ['src']);
});

test('remove keeps the conffiles, purge removes everything it installed and the run-time spool', { skip }, () => {
  mkdirSync(path.join(scratch, 'var/spool/audisp-json'), { recursive: true });
  writeFileSync(path.join(scratch, 'var/spool/audisp-json/queued'), 'x');
  dpkg('-r', 'audisp-json');
  assert.ok(!existsSync(path.join(scratch, 'usr/lib/audisp-json')));
  assert.ok(existsSync(path.join(scratch, 'etc/audit/plugins.d/audisp-json.conf')));
  dpkg('-P', 'audisp-json');
  assert.ok(!existsSync(path.join(scratch, 'etc/audit')));
  assert.ok(!existsSync(path.join(scratch, 'var/spool/audisp-json')));
  assert.ok(!existsSync(path.join(scratch, 'usr/sbin/audisp-json')));
  assert.ok(!existsSync(path.join(scratch, 'usr/share/doc/audisp-json')));
});
