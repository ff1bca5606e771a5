import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { findAuditd, restartAuditd, startAuditd, stopAuditd, type AuditdProcess } from '../../../src/install/auditd-control';

/**
 * The real auditd and kernel, for end-to-end tests: a lock shared with every other user of auditd on
 * the machine (CI, developers, capture tools), the state to give back, and the processes to find.
 */

export const AUDITD_LOCK = '/run/audisp-json-auditd.lock';

/** Why these tests cannot run here, or undefined when they can. */
export function e2eSkipReason(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root (auditd, auditctl, plugins.d)';
  if (!existsSync('/proc/self/loginuid')) return 'the kernel has no audit support (no /proc/self/loginuid)';
  const status = spawnSync('auditctl', ['-s'], { encoding: 'utf8' });
  if (status.error) return undefined; // no auditctl: not a reason to skip; missingTools() fails the test
  if (status.status !== 0) return `the kernel refuses audit requests (auditctl -s: ${status.stderr.trim()}), e.g. in a container`;
  if (/^enabled 2$/m.test(status.stdout)) return 'the audit configuration is locked (enabled 2) until reboot';
  return undefined;
}

/** Tools the tests need: missing ones are a failure (install them), not a reason to skip. */
export function missingTools(): string[] {
  const tools: [string, string][] = [['auditd', 'auditd'], ['auditctl', 'auditd'], ['strace', 'strace'], ['setfattr', 'attr'], ['ip', 'iproute2'], ['flock', 'util-linux'], ['python3', 'python3']];
  // The workload's 32-bit program is assembled on x86_64.
  if (process.arch === 'x64') tools.push(['as', 'binutils'], ['ld', 'binutils']);
  const path = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
  return tools.filter(([tool]) => spawnSync('sh', ['-c', `PATH=${path} command -v ${tool}`]).status !== 0).map(([tool, pkg]) => `${tool} (apt-get install ${pkg})`);
}

/** Holds the lock until release() (or until this process dies: the holder's stdin closes). */
export async function acquireAuditdLock(): Promise<{ release: () => Promise<void> }> {
  const holder: ChildProcess = spawn('flock', [AUDITD_LOCK, 'sh', '-c', 'echo locked; exec cat > /dev/null'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [chunk] = (await once(holder.stdout!, 'data')) as [Buffer];
  if (!chunk.toString().startsWith('locked')) throw new Error('could not take the auditd lock');
  return {
    release: async () => {
      const exited = once(holder, 'exit');
      holder.stdin!.end();
      await exited;
    },
  };
}

export interface AuditState {
  readonly auditd: AuditdProcess | undefined;
  readonly rules: string;
  readonly enabled: string;
  readonly backlogLimit: string;
  readonly backlogWaitTime: string;
  readonly failure: string;
}

function status(): Map<string, string> {
  const out = execFileSync('auditctl', ['-s'], { encoding: 'utf8' });
  return new Map(out.split('\n').map((l) => l.split(' ') as [string, string]).filter((p) => p.length >= 2).map(([k, v]) => [k, v]));
}

export function saveAuditState(): AuditState {
  const s = status();
  const rules = execFileSync('auditctl', ['-l'], { encoding: 'utf8' });
  return {
    auditd: findAuditd(),
    rules: rules.trim() === 'No rules' ? '' : rules,
    enabled: s.get('enabled') ?? '1',
    backlogLimit: s.get('backlog_limit') ?? '64',
    backlogWaitTime: s.get('backlog_wait_time') ?? '15000',
    failure: s.get('failure') ?? '1',
  };
}

/** Rules and kernel settings back as they were (auditd itself: see restoreAuditd). Never throws. */
export function restoreKernelState(state: AuditState, scratch: string): string[] {
  const problems: string[] = [];
  const ctl = (...args: string[]): void => {
    const r = spawnSync('auditctl', args, { encoding: 'utf8' });
    if (r.status !== 0) problems.push(`auditctl ${args.join(' ')}: ${(r.stderr || r.error?.message || '').trim()}`);
  };
  ctl('-D');
  ctl('-b', state.backlogLimit);
  ctl('--backlog_wait_time', state.backlogWaitTime);
  ctl('-f', state.failure);
  if (state.rules !== '') {
    const file = `${scratch}/saved.rules`;
    writeFileSync(file, state.rules);
    ctl('-R', file);
  }
  ctl('-e', state.enabled);
  return problems;
}

/** auditd as it was: running with the same command line (restarted, so that it forgets our plugin), or stopped. */
export async function restoreAuditd(state: AuditState): Promise<string[]> {
  if (state.auditd === undefined) {
    const r = await stopAuditd();
    return r.ok ? [] : [r.reason];
  }
  const r = findAuditd() ? await restartAuditd() : await startAuditd(state.auditd.argv);
  return r.ok ? [] : [r.reason];
}

/** Restart (or first start) so that auditd reads plugins.d afresh: never a HUP (auditd 3.0.9). */
export async function restartAuditdFresh(state: AuditState): Promise<void> {
  const r = findAuditd() ? await restartAuditd() : await startAuditd(state.auditd?.argv ?? ['/sbin/auditd']);
  if (!r.ok) throw new Error(r.reason);
}

/** Pids of processes whose command line contains every one of `parts`. */
export function findProcesses(...parts: string[]): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
      if (parts.every((p) => cmdline.includes(p))) pids.push(Number(entry));
    } catch {
      // gone
    }
  }
  return pids;
}

export async function waitUntil<T>(what: () => T | undefined, ms: number): Promise<T | undefined> {
  for (let waited = 0; ; waited += 100) {
    const v = what();
    if (v !== undefined || waited >= ms) return v;
    await sleep(100);
  }
}
