import type { AuditRecord } from './audit-record';
import { decodeHex, HEX_ENCODED_FIELDS, isEncodedHex } from './hex-value';

/** Why a line is not an audit record; each reason is counted. */
export type NotARecordReason = 'blank' | 'comment' | 'no_type' | 'no_audit_header' | 'bad_audit_header';

export type ParseOutcome =
  | { readonly ok: true; readonly record: AuditRecord }
  | { readonly ok: false; readonly reason: NotARecordReason };

const SPACE = 32;
const GROUP_SEPARATOR = '\x1d';

/**
 * Parse one line of the plugin feed / audit.log:
 * `[node=N ]type=T msg=audit(SEC.MS:SERIAL): k=v ...[\x1d K=V ...]`.
 * Tolerates what real feeds contain: a `host=` prefix (old setroubleshoot logs), `audit(` without
 * `msg=`, no colon after the header, single-quoted user-space `msg='...'` bodies (flattened into the
 * fields; the outer fields win on a clash), SELinux `avc: denied { perm }` words. Values are unquoted and
 * hex-decoded; `(null)` and `(none)` are left out. EXECVE pieces `aN[i]` are kept exactly as written
 * (quotes included) because the pieces of one argument must be joined before hex decoding.
 */
export function parseRecordLine(line: string): ParseOutcome {
  let pos = 0;
  while (pos < line.length && line.charCodeAt(pos) <= SPACE) pos++;
  if (pos === line.length) return { ok: false, reason: 'blank' };
  if (line.charCodeAt(pos) === 35 /* # */) return { ok: false, reason: 'comment' };

  let node: string | undefined;
  if (line.startsWith('node=', pos) || line.startsWith('host=', pos)) {
    const end = line.indexOf(' ', pos);
    if (end < 0) return { ok: false, reason: 'no_type' };
    node = line.slice(pos + 5, end);
    pos = end + 1;
  }
  if (!line.startsWith('type=', pos)) return { ok: false, reason: 'no_type' };
  const typeEnd = line.indexOf(' ', pos);
  if (typeEnd < 0) return { ok: false, reason: 'no_audit_header' };
  const type = line.slice(pos + 5, typeEnd);

  const open = line.indexOf('audit(', typeEnd);
  if (open < 0 || open > typeEnd + 5) return { ok: false, reason: 'no_audit_header' };
  const colon = line.indexOf(':', open + 6);
  const close = line.indexOf(')', open + 6);
  if (colon < 0 || close < 0 || colon > close) return { ok: false, reason: 'bad_audit_header' };
  const time = line.slice(open + 6, colon);
  const serialText = line.slice(colon + 1, close);
  if (!isAuditTime(time) || !isDigits(serialText)) return { ok: false, reason: 'bad_audit_header' };

  let bodyStart = close + 1;
  if (line.charCodeAt(bodyStart) === 58 /* : */) bodyStart++;
  const separator = line.lastIndexOf(GROUP_SEPARATOR);
  const bodyEnd = separator > bodyStart ? separator : line.length;

  const fields = new Map<string, string>();
  parseFields(line, bodyStart, bodyEnd, fields, type === 'EXECVE');
  let enriched: Map<string, string> | undefined;
  if (separator > bodyStart) {
    enriched = new Map();
    parseFields(line, separator + 1, line.length, enriched, false);
  }
  return { ok: true, record: { node, type, time, serial: Number(serialText), fields, enriched } };
}

function parseFields(text: string, start: number, end: number, into: Map<string, string>, execve: boolean): void {
  let pos = start;
  while (pos < end) {
    while (pos < end && text.charCodeAt(pos) <= SPACE) pos++;
    if (pos >= end) return;
    const tokenEnd = nextSpace(text, pos, end);
    const eq = indexOfEquals(text, pos, tokenEnd);
    if (eq < 0) {
      pos = parseBareWord(text, pos, tokenEnd, end, into);
      continue;
    }
    const key = text.slice(pos, eq);
    const first = text.charCodeAt(eq + 1);
    let valueEnd: number;
    let value: string;
    let quoted = false;
    if (first === 34 /* " */ || first === 39 /* ' */) {
      const closeQuote = text.indexOf(first === 34 ? '"' : "'", eq + 2);
      valueEnd = closeQuote < 0 || closeQuote >= end ? end : closeQuote + 1;
      if (first === 39 && key === 'msg') {
        // user-space body: msg='op=PAM:... acct="root" res=success'
        parseFields(text, eq + 2, closeQuote < 0 || closeQuote >= end ? end : closeQuote, into, false);
        pos = valueEnd;
        continue;
      }
      value = execve && key.endsWith(']')
        ? text.slice(eq + 1, valueEnd)
        : text.slice(eq + 2, closeQuote < 0 || closeQuote >= end ? end : closeQuote);
      quoted = true;
    } else if (first === 123 /* { */) {
      // ENRICHED structures: SADDR={ saddr_fam=inet laddr=127.0.0.1 lport=22 }
      const closeBrace = text.indexOf('}', eq + 2);
      valueEnd = closeBrace < 0 || closeBrace >= end ? end : closeBrace + 1;
      value = text.slice(eq + 1, valueEnd);
    } else {
      valueEnd = tokenEnd;
      value = text.slice(eq + 1, valueEnd);
    }
    pos = valueEnd;
    if (!quoted && (value === '(null)' || value === '(none)')) continue;
    if (!quoted && shouldDecode(key, execve) && isEncodedHex(value)) value = decodeHex(value);
    if (!into.has(key)) into.set(key, value);
  }
}

function shouldDecode(key: string, execve: boolean): boolean {
  if (execve) return key.charCodeAt(0) === 97 /* a */ && isDigits(key.slice(1));
  return HEX_ENCODED_FIELDS.has(key);
}

/** SELinux AVC prose: `avc:  denied  { read write } for ...` → seresult, seperms. Other words are skipped. */
function parseBareWord(text: string, pos: number, tokenEnd: number, end: number, into: Map<string, string>): number {
  const word = text.slice(pos, tokenEnd);
  if (word === '{') {
    const closeBrace = text.indexOf('}', tokenEnd);
    const stop = closeBrace < 0 || closeBrace >= end ? end : closeBrace;
    if (!into.has('seperms')) into.set('seperms', text.slice(tokenEnd, stop).trim().replace(/\s+/g, ','));
    return stop + 1;
  }
  if ((word === 'denied' || word === 'granted') && !into.has('seresult')) into.set('seresult', word);
  return tokenEnd;
}

function indexOfEquals(text: string, pos: number, end: number): number {
  for (let i = pos; i < end; i++) if (text.charCodeAt(i) === 61 /* = */) return i;
  return -1;
}

function nextSpace(text: string, pos: number, end: number): number {
  const space = text.indexOf(' ', pos);
  return space < 0 || space > end ? end : space;
}

function isDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** `1795580025.014`: digits, a dot, digits. */
function isAuditTime(text: string): boolean {
  const dot = text.indexOf('.');
  return dot > 0 && isDigits(text.slice(0, dot)) && isDigits(text.slice(dot + 1));
}
