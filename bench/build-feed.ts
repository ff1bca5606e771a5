import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';

const HEADER = /audit\((\d+)\.(\d+):(\d+)\)/;

/**
 * Writes at least `minRecords` records by repeating real captures; each repetition shifts times by the
 * capture's span (+10 s) and serials by the span of the kernel's serials, so every event stays distinct
 * and in time order, and the serials run on without gaps, as in a feed that lost nothing.
 * Returns the number of records written.
 */
export async function buildFeed(captures: readonly string[], outFile: string, minRecords: number): Promise<number> {
  const lines = captures.flatMap((file) => readFileSync(file, 'utf8').split('\n').filter((l) => HEADER.test(l)));
  const seconds = lines.map((l) => Number(HEADER.exec(l)![1]));
  const span = Math.max(...seconds) - Math.min(...seconds) + 10;
  // DAEMON_* records carry auditd's own counter, not the kernel's serials.
  const serials = lines.filter((l) => !l.includes('type=DAEMON_')).map((l) => Number(HEADER.exec(l)![3]));
  const serialSpan = Math.max(...serials) - Math.min(...serials) + 1;
  const out = createWriteStream(outFile);
  let written = 0;
  for (let rep = 0; written < minRecords; rep++) {
    let chunk = '';
    for (const line of lines) {
      chunk += line.replace(HEADER, (_m, sec: string, ms: string, serial: string) =>
        `audit(${Number(sec) + rep * span}.${ms}:${Number(serial) + rep * serialSpan})`) + '\n';
    }
    written += lines.length;
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return written;
}
