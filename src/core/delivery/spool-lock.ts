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
      const claim = readClaim(file);
      if (claim?.holder === process.pid) return new SpoolLock(file, content);
      if (claim?.holder !== undefined) throw new SpoolInUseError(dir, claim.holder);
      // Stale: its process is gone. Removed only if still the same claim, so that one of two instances
      // taking it over at once does not remove the other's fresh one; the creation decides between them.
      if (claim !== undefined) removeIf(file, claim.content);
    }
    throw new SpoolInUseError(dir, SpoolLock.holder(dir) ?? -1);
  }

  /** The live process whose claim `dir` holds, if any. */
  static holder(dir: string): number | undefined {
    return readClaim(path.join(dir, LOCK))?.holder;
  }

  /** Gives the directory up, unless another process has claimed it since. */
  release(): void {
    removeIf(this.file, this.content);
  }
}

/** The lock file's content and, when its process still lives, that process's pid. */
function readClaim(file: string): { content: string; holder: number | undefined } | undefined {
  let content: string;
  try {
    content = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const pid = Number(content.split(' ')[0]);
  return { content, holder: Number.isInteger(pid) && pid > 0 && identity(pid) === content ? pid : undefined };
}

function removeIf(file: string, content: string): void {
  try {
    if (fs.readFileSync(file, 'utf8') === content) fs.rmSync(file, { force: true });
  } catch {
    // Already gone.
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
