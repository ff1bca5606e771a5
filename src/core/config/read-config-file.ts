import * as fs from 'node:fs';
import type { ConfigProblem } from './config-problem';

export type ReadConfigFileResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly problem: ConfigProblem };

/**
 * Reads a config file after the C original's safety checks: it must be a regular file and must not
 * be world-writable (anyone could then redirect the audit trail). The checks run on the opened
 * descriptor, so the file checked is the file read. O_NONBLOCK keeps a FIFO from hanging the open.
 */
export function readConfigFile(file: string): ReadConfigFileResult {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (error) {
    return { ok: false, problem: { file, message: `cannot open: ${describe(error)}` } };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) {
      return { ok: false, problem: { file, message: `refused: not a regular file (${fileKind(stat)})` } };
    }
    if ((stat.mode & 0o002) !== 0) {
      const mode = (stat.mode & 0o7777).toString(8).padStart(4, '0');
      return { ok: false, problem: { file, message: `refused: world-writable (mode ${mode}); run chmod o-w on it` } };
    }
    return { ok: true, text: fs.readFileSync(fd, 'utf8') };
  } catch (error) {
    return { ok: false, problem: { file, message: `cannot read: ${describe(error)}` } };
  } finally {
    fs.closeSync(fd);
  }
}

export function fileKind(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isFile()) return 'a regular file';
  return 'an unknown kind of file';
}

export function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}
