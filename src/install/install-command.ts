import { createHash } from 'node:crypto';
import { chmodSync, chownSync, existsSync, readFileSync, realpathSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { detectAuditLayout } from './audit-layout';
import { restartAuditd, type ControlResult } from './auditd-control';
import { packageRoot } from './package-root';
import { activate, activeValue, deactivate, renderStanza, stanzaOwner } from './plugin-stanza';
import { INSTALL_USAGE } from './install-usage';

/**
 * `audisp-json install` / `audisp-json uninstall`. main.ts calls, with argv after the sub-command:
 *   process.exitCode = await runInstall(argv, consoleIo)   // or runUninstall
 */

export interface InstallIo {
  out(line: string): void;
  err(line: string): void;
}

/** Injectable for tests: how auditd is restarted. */
export interface InstallDeps {
  readonly restart?: () => Promise<ControlResult>;
}

export const STANZA_NAME = 'audisp-json.conf'; // auditd skips names with more than one dot
const CONFIG_MARKER_PREFIX = '# audisp-json install: written by "audisp-json install"; uninstall removes it if unchanged, sha256=';
const RELOAD_HINT =
  'auditd reads plugins only when it starts: restart it ("systemctl restart auditd", or "service auditd restart"), ' +
  'or run this again with --reload. Not "service auditd reload" / SIGHUP: auditd 3.0.9 (Debian 12) can add a plugin on HUP ' +
  'that then receives nothing.';

export async function runInstall(argv: readonly string[], io: InstallIo, deps: InstallDeps = {}): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        format: { type: 'string', default: 'string' },
        launcher: { type: 'string' },
        'config-template': { type: 'string' },
        root: { type: 'string', default: '/' },
        reload: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (e) {
    io.err(`audisp-json install: ${(e as Error).message}`);
    io.err(INSTALL_USAGE);
    return 2;
  }
  if (values.help) return io.out(INSTALL_USAGE), 0;
  const format = values.format;
  if (format !== 'string' && format !== 'binary') {
    io.err(`audisp-json install: --format must be string or binary, not ${JSON.stringify(format)}`);
    return 2;
  }
  const found = detectAuditLayout(values.root);
  if (!found.ok) return io.err(`audisp-json install: ${found.reason}`), 1;
  const { layout } = found;
  const launcher = values.launcher ?? defaultLauncher();
  if (!path.isAbsolute(launcher)) return io.err(`audisp-json install: --launcher must be an absolute path: ${launcher}`), 2;
  const template = values['config-template'] ?? path.join(packageRoot(), 'conf.d', 'audisp-json.conf');

  // 1. the config, only if there is none
  if (existsSync(layout.configFile)) {
    io.out(`kept ${layout.configFile} (it exists)`);
  } else if (!existsSync(template)) {
    return io.err(`audisp-json install: no config template at ${template} (--config-template FILE)`), 1;
  } else {
    const body = readFileSync(template, 'utf8');
    writeRootFile(layout.configFile, `${CONFIG_MARKER_PREFIX}${sha256(body)}\n${body}`);
    io.out(`wrote ${layout.configFile} (mode 0640) from ${template}`);
  }

  // 2. the stanza: ours is rewritten, someone else's (the package's) is switched on
  const stanzaFile = path.join(layout.pluginDir, STANZA_NAME);
  const existing = existsSync(stanzaFile) ? readFileSync(stanzaFile, 'utf8') : undefined;
  if (existing !== undefined && stanzaOwner(existing) !== 'written') {
    if (activeValue(existing) === 'yes') {
      io.out(`kept ${stanzaFile}: it is already active`);
    } else {
      writeRootFile(stanzaFile, stanzaOwner(existing) === 'activated' ? existing : activate(existing));
      io.out(`set active = yes in ${stanzaFile} (the rest of that file is kept as it was)`);
    }
  } else {
    writeRootFile(stanzaFile, renderStanza({ launcher, format }));
    io.out(`wrote ${stanzaFile} (mode 0640): active, format = ${format}, path = ${launcher}`);
  }
  return finish(values.reload, values.root, layout.generation, io, deps);
}

export async function runUninstall(argv: readonly string[], io: InstallIo, deps: InstallDeps = {}): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { root: { type: 'string', default: '/' }, reload: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
    }));
  } catch (e) {
    io.err(`audisp-json uninstall: ${(e as Error).message}`);
    io.err(INSTALL_USAGE);
    return 2;
  }
  if (values.help) return io.out(INSTALL_USAGE), 0;
  const found = detectAuditLayout(values.root);
  if (!found.ok) return io.err(`audisp-json uninstall: ${found.reason}`), 1;
  const { layout } = found;

  const stanzaFile = path.join(layout.pluginDir, STANZA_NAME);
  if (existsSync(stanzaFile)) {
    const text = readFileSync(stanzaFile, 'utf8');
    const owner = stanzaOwner(text);
    if (owner === 'written') {
      unlinkSync(stanzaFile);
      io.out(`removed ${stanzaFile}`);
    } else if (owner === 'activated') {
      writeRootFile(stanzaFile, deactivate(text));
      io.out(`set active = no in ${stanzaFile} again (the file is not ours: kept)`);
    } else {
      io.out(`kept ${stanzaFile}: install did not write it`);
    }
  } else {
    io.out(`nothing to remove at ${stanzaFile}`);
  }

  if (existsSync(layout.configFile)) {
    const text = readFileSync(layout.configFile, 'utf8');
    const newline = text.indexOf('\n');
    const first = text.slice(0, newline);
    if (!first.startsWith(CONFIG_MARKER_PREFIX)) {
      io.out(`kept ${layout.configFile}: install did not write it`);
    } else if (first.slice(CONFIG_MARKER_PREFIX.length) !== sha256(text.slice(newline + 1))) {
      io.out(`kept ${layout.configFile}: it was changed after install (remove it by hand if you want)`);
    } else {
      unlinkSync(layout.configFile);
      io.out(`removed ${layout.configFile}`);
    }
  }
  return finish(values.reload, values.root, layout.generation, io, deps);
}

async function finish(reload: boolean, root: string, generation: string, io: InstallIo, deps: InstallDeps): Promise<number> {
  if (!reload) {
    io.out(RELOAD_HINT);
    return 0;
  }
  if (path.resolve(root) !== '/') return io.err(`audisp-json: --reload with --root ${root}: not restarting this machine's auditd`), 2;
  const result = await (deps.restart ?? restartAuditd)();
  if (!result.ok) return io.err(`audisp-json: could not restart auditd: ${result.reason}`), 1;
  io.out(`${result.detail} (audit ${generation}; a restart, not a HUP: auditd 3.0.9 can lose a plugin added on HUP)`);
  return 0;
}

/** The launcher next to this program: <package root>/bin/audisp-json, symlinks resolved. */
export function defaultLauncher(): string {
  const launcher = path.join(packageRoot(), 'bin', 'audisp-json');
  return existsSync(launcher) ? realpathSync(launcher) : launcher;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Written whole (temp file + rename), mode 0640, owned by root when we are root. */
function writeRootFile(file: string, text: string): void {
  const tmp = `${file}.audisp-json-tmp`;
  writeFileSync(tmp, text, { mode: 0o640 });
  chmodSync(tmp, 0o640);
  if (process.getuid?.() === 0) chownSync(tmp, 0, 0);
  renameSync(tmp, file);
}
