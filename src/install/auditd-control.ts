import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

/**
 * Stopping and starting auditd the way this machine runs it. Why a restart and never a SIGHUP: with
 * auditd 3.0.9 (Debian 12), once a HUP has removed the last plugin, a plugin added by a later HUP gets
 * no record at all (reproduced here; likely cause: the dispatcher's queue indexes are not both reset
 * when its thread exits). A fresh auditd reads plugins.d cleanly.
 */

const run = promisify(execFile);

export type ControlResult = { ok: true; detail: string } | { ok: false; reason: string };

export interface AuditdProcess {
  readonly pid: number;
  /** Its command line, to start it again the same way. */
  readonly argv: readonly string[];
}

export function underSystemd(): boolean {
  return existsSync('/run/systemd/system');
}

/** The running auditd, found in /proc (no pidof needed). */
export function findAuditd(): AuditdProcess | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'auditd') continue;
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter((a) => a !== '');
      if (argv.length > 0) return { pid: Number(entry), argv };
    } catch {
      // the process ended while we looked
    }
  }
  return undefined;
}

async function waitFor(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  for (let waited = 0; waited < ms; waited += 100) {
    if (await check()) return true;
    await sleep(100);
  }
  return check();
}

/** The pid the kernel sends audit records to (`auditctl -s`), 0 when none. */
export async function kernelAuditPid(): Promise<number> {
  try {
    const { stdout } = await run('auditctl', ['-s']);
    return Number(/^pid (\d+)$/m.exec(stdout)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Starts auditd with `argv` (e.g. the command line of the one that ran before) and waits until the kernel talks to it. */
export async function startAuditd(argv: readonly string[] = ['/sbin/auditd']): Promise<ControlResult> {
  if (underSystemd()) return systemctl('start');
  const foreground = argv.includes('-f') || argv.includes('-n');
  const child = spawn(argv[0], argv.slice(1), { detached: true, stdio: 'ignore' });
  const started = new Promise<ControlResult>((resolve) => {
    child.once('error', (e) => resolve({ ok: false, reason: `could not start ${argv[0]}: ${e.message}` }));
    if (foreground) child.once('spawn', () => resolve({ ok: true, detail: 'started' }));
    // Without -f/-n it forks and its first process exits once the daemon is initialised.
    else child.once('exit', (code) => resolve(code === 0 ? { ok: true, detail: 'started' } : { ok: false, reason: `${argv.join(' ')} exited with ${code}` }));
  });
  child.unref();
  const result = await started;
  if (!result.ok) return result;
  const up = await waitFor(async () => {
    const p = findAuditd();
    return p !== undefined && (await kernelAuditPid()) === p.pid;
  }, 10_000);
  return up ? { ok: true, detail: `started ${argv.join(' ')}` } : { ok: false, reason: `${argv.join(' ')} did not come up within 10 s` };
}

/** Stops auditd with SIGTERM (it stops its plugins the same way) and waits for it to exit. */
export async function stopAuditd(): Promise<ControlResult> {
  const p = findAuditd();
  if (p === undefined) return { ok: true, detail: 'auditd was not running' };
  if (underSystemd()) return systemctl('stop');
  try {
    process.kill(p.pid, 'SIGTERM');
  } catch (e) {
    return { ok: false, reason: `could not signal auditd (pid ${p.pid}): ${(e as Error).message}` };
  }
  const gone = await waitFor(() => !existsSync(`/proc/${p.pid}`), 10_000);
  return gone ? { ok: true, detail: `stopped pid ${p.pid}` } : { ok: false, reason: `auditd (pid ${p.pid}) did not stop within 10 s` };
}

/** Restart, so that auditd reads plugins.d afresh. Not running: nothing is started. */
export async function restartAuditd(): Promise<ControlResult> {
  if (underSystemd()) return systemctl('restart');
  const p = findAuditd();
  if (p === undefined) return { ok: false, reason: 'auditd is not running: start it (e.g. "service auditd start") and it will read the plugin' };
  const stopped = await stopAuditd();
  if (!stopped.ok) return stopped;
  const started = await startAuditd(p.argv);
  return started.ok ? { ok: true, detail: `restarted auditd (${p.argv.join(' ')})` } : started;
}

async function systemctl(verb: 'start' | 'stop' | 'restart'): Promise<ControlResult> {
  try {
    await run('systemctl', [verb, 'auditd']);
    return { ok: true, detail: `systemctl ${verb} auditd` };
  } catch (e) {
    // RHEL's unit has RefuseManualStop=yes: its init script is the way there.
    try {
      await run('service', ['auditd', verb]);
      return { ok: true, detail: `service auditd ${verb}` };
    } catch {
      return { ok: false, reason: `systemctl ${verb} auditd failed: ${(e as Error).message.trim()}` };
    }
  }
}
