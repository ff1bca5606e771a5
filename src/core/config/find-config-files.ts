import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ConfigProblem } from './config-problem';
import { describe, fileKind } from './read-config-file';

/** Where the main config file is looked for when --config is not given, first match wins. */
export const DEFAULT_CONFIG_SEARCH_PATHS: readonly string[] = [
  '/etc/audit/audisp-json.conf',
  '/etc/audisp/audisp-json.conf',
  './audisp-json.conf',
];

/** Drop-in directory name, looked for beside the main file. */
export const DROP_IN_DIRECTORY = 'audisp-json.d';

export interface FindConfigFilesOptions {
  /** `--config FILE`: used as is, must exist. */
  readonly explicitPath?: string;
  readonly searchPaths?: readonly string[];
}

export type FoundConfigFiles =
  | {
      readonly ok: true;
      /** Main file then drop-ins in lexical order; later files override earlier ones. Empty: defaults. */
      readonly files: string[];
      /** The paths looked at (for the log line when nothing was found). */
      readonly searched: readonly string[];
    }
  | { readonly ok: false; readonly problems: ConfigProblem[] };

export function findConfigFiles(options: FindConfigFilesOptions = {}): FoundConfigFiles {
  const searched = options.explicitPath !== undefined
    ? [options.explicitPath]
    : [...(options.searchPaths ?? DEFAULT_CONFIG_SEARCH_PATHS)];
  // An explicit path is returned even when missing, so that reading it reports the error.
  const main = options.explicitPath ?? searched.find(exists);
  if (main === undefined) return { ok: true, files: [], searched };
  const dropIns = findDropIns(path.join(path.dirname(main), DROP_IN_DIRECTORY));
  if (!dropIns.ok) return dropIns;
  return { ok: true, files: [main, ...dropIns.files], searched };
}

function findDropIns(directory: string): { ok: true; files: string[] } | { ok: false; problems: ConfigProblem[] } {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, files: [] };
    return { ok: false, problems: [{ file: directory, message: `cannot read: ${describe(error)}` }] };
  }
  if (!stat.isDirectory()) {
    return { ok: false, problems: [{ file: directory, message: `refused: not a directory (${fileKind(stat)})` }] };
  }
  // Anyone could add a drop-in to a world-writable directory.
  if ((stat.mode & 0o002) !== 0) {
    return { ok: false, problems: [{ file: directory, message: 'refused: world-writable directory; run chmod o-w on it' }] };
  }
  let names: string[];
  try {
    names = fs.readdirSync(directory);
  } catch (error) {
    return { ok: false, problems: [{ file: directory, message: `cannot read: ${describe(error)}` }] };
  }
  // Hidden names are editor and package-manager leftovers, as with a shell's `*.conf`.
  const files = names
    .filter((name) => name.endsWith('.conf') && !name.startsWith('.'))
    .sort(compareCodeUnits)
    .map((name) => path.join(directory, name));
  return { ok: true, files };
}

/** Lexical order independent of the locale, like `LC_ALL=C ls`. */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function exists(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}
