import fs from 'node:fs';
import path from 'node:path';

const LOCK = 'lock';

/** A spool directory that another live process holds. */
export class SpoolInUseError extends Error {
  constructor(readonly dir: string, readonly pid: number) {
    super(`${dir} is in use by process ${pid} (another audisp-json with the same spool_dir)`);
  }
}

/**
 * One process per spool directory: two that share one read and remove each other's segments, and
 * messages are lost or sent twice. The claim is a `lock` file holding the pid and the process's start
 * time (/proc/PID/stat), so a claim left by a killed process is taken over, even when its pid has
 * been reused since. The same process may claim again (a reload reopens its spools).
 */
export class SpoolLock {
  private constructor(private readonly file: string, private readonly content: string) {}

  /** Claims `dir` (which exists); throws SpoolInUseError when a live process holds it. */
  static claim(dir: string): SpoolLock {
    const file = path.join(dir, LOCK);
    const content = identity(process.pid);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        fs.writeFileSync(file, content, { flag: 'wx', mode: 0o600 });
        return new SpoolLock(file, content);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = SpoolLock.holder(dir);
      if (holder === process.pid) return new SpoolLock(file, content);
      if (holder !== undefined) throw new SpoolInUseError(dir, holder);
      // Stale: its process is gone. Whoever removes and creates it first wins the second attempt.
      fs.rmSync(file, { force: true });
    }
    throw new SpoolInUseError(dir, SpoolLock.holder(dir) ?? -1);
  }

  /** The live process whose claim `dir` holds, if any. */
  static holder(dir: string): number | undefined {
    let content: string;
    try {
      content = fs.readFileSync(path.join(dir, LOCK), 'utf8');
    } catch {
      return undefined;
    }
    const pid = Number(content.split(' ')[0]);
    return Number.isInteger(pid) && pid > 0 && identity(pid) === content ? pid : undefined;
  }

  /** Gives the directory up, unless another process has claimed it since. */
  release(): void {
    try {
      if (fs.readFileSync(this.file, 'utf8') === this.content) fs.rmSync(this.file, { force: true });
    } catch {
      // Already gone.
    }
  }
}

/** `PID START\n`, START being field 22 of /proc/PID/stat (clock ticks after boot); `PID -\n` without /proc. */
function identity(pid: number): string {
  let start = '-';
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '-';
  } catch {
    if (!alive(pid)) return '';
  }
  return `${pid} ${start}\n`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
