/**
 * The audisp-json.conf format (the C original's, kept compatible):
 *
 * - One setting per line: `key = value`. Spaces around `=` are optional (`key=value`).
 * - A line whose first non-blank character is `#` is a comment. Blank lines are ignored.
 *   There are no end-of-line comments: `#` inside a value is part of the value.
 * - The key is everything before the first `=`, trimmed; it is letters, digits, `_`, `-` or `.`.
 * - The value is everything after the first `=`, trimmed, so it may itself contain `=`.
 * - If the value is at least 2 characters long and starts and ends with the same quote character
 *   (`"` or `'`), that one pair is removed: `prepend_msg = " audit: "` keeps its spaces.
 *   Nothing else is unquoted or unescaped: `prepend_msg={"message":` comes through byte for byte.
 * - An empty value (`key =`, no quotes) resets the key to its default; `key = ""` is the empty string.
 * - Any other line (no `=`, no key, or a key with spaces) is an error naming file and line.
 * - A UTF-8 byte order mark at the start is ignored; the file is read as UTF-8.
 * - A key set twice, in one file or across drop-ins, takes the last value.
 */
import type { ConfigProblem } from './config-problem';

export interface ConfEntry {
  readonly key: string;
  /** The value after trimming and removing one pair of quotes. */
  readonly value: string;
  /** True when the value was written as `key =`, which means "the default". */
  readonly empty: boolean;
  readonly file: string;
  /** 1-based. */
  readonly line: number;
}

export interface ParsedConfFile {
  readonly entries: ConfEntry[];
  readonly problems: ConfigProblem[];
}

const KEY_PATTERN = /^[A-Za-z0-9_.-]+$/;

export function parseConfFile(text: string, file: string): ParsedConfFile {
  const entries: ConfEntry[] = [];
  const problems: ConfigProblem[] = [];
  // A byte order mark from a Windows editor would otherwise glue itself to the first key.
  const lines = (text.startsWith('\uFEFF') ? text.slice(1) : text).split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = index + 1;
    const raw = lines[index].endsWith('\r') ? lines[index].slice(0, -1) : lines[index];
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const equals = raw.indexOf('=');
    if (equals < 0) {
      problems.push({ file, line, message: `expected "key = value", got ${JSON.stringify(trimmed)}` });
      continue;
    }
    const key = raw.slice(0, equals).trim();
    if (!KEY_PATTERN.test(key)) {
      const message = key === '' ? 'missing key before "="' : `invalid key ${JSON.stringify(key)}`;
      problems.push({ file, line, message });
      continue;
    }
    const rawValue = raw.slice(equals + 1).trim();
    entries.push({ key, value: unquote(rawValue), empty: rawValue === '', file, line });
  }
  return { entries, problems };
}

function unquote(value: string): string {
  if (value.length < 2) return value;
  const first = value[0];
  if ((first === '"' || first === "'") && value[value.length - 1] === first) return value.slice(1, -1);
  return value;
}
