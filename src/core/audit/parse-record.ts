import type { AuditRecord } from './audit-record';
import { digitsEnd } from './digits';
import { FieldList, type RecordFields } from './field-list';
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
  const parsed = parseRecord(line);
  return typeof parsed === 'string' ? { ok: false, reason: parsed } : { ok: true, record: parsed };
}

/** parseRecordLine without the outcome object (one allocation less per line): the record, or why not. */
export function parseRecord(line: string): AuditRecord | NotARecordReason {
  let pos = 0;
  while (pos < line.length && line.charCodeAt(pos) <= SPACE) pos++;
  if (pos === line.length) return 'blank';
  if (line.charCodeAt(pos) === 35 /* # */) return 'comment';

  let node: string | undefined;
  if (line.startsWith('node=', pos) || line.startsWith('host=', pos)) {
    const end = line.indexOf(' ', pos);
    if (end < 0) return 'no_type';
    node = line.slice(pos + 5, end);
    pos = end + 1;
  }
  if (!line.startsWith('type=', pos)) return 'no_type';
  const typeEnd = line.indexOf(' ', pos);
  if (typeEnd < 0) return 'no_audit_header';
  const type = line.slice(pos + 5, typeEnd);

  const open = line.indexOf('audit(', typeEnd);
  if (open < 0 || open > typeEnd + 5) return 'no_audit_header';
  // `SEC.MS:SERIAL)`, checked in place: this runs for every line.
  const timeStart = open + 6;
  let i = digitsEnd(line, timeStart);
  if (i === timeStart || line.charCodeAt(i) !== 46 /* . */) return 'bad_audit_header';
  const fractionStart = i + 1;
  i = digitsEnd(line, fractionStart);
  if (i === fractionStart || line.charCodeAt(i) !== 58 /* : */) return 'bad_audit_header';
  const colon = i;
  let serial = 0;
  for (i = colon + 1; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c < 48 || c > 57) break;
    serial = serial * 10 + (c - 48);
  }
  const close = i;
  if (close === colon + 1 || line.charCodeAt(close) !== 41 /* ) */) return 'bad_audit_header';
  const time = line.slice(timeStart, colon);

  let bodyStart = close + 1;
  if (line.charCodeAt(bodyStart) === 58 /* : */) bodyStart++;
  const separator = lastSeparator(line, bodyStart);
  const bodyEnd = separator > bodyStart ? separator : line.length;

  return new ParsedRecord(node, type, time, serial, line, bodyStart, bodyEnd, separator);
}

/** The line a record was parsed from; undefined for records built another way (tests). */
export function recordLine(record: AuditRecord): string | undefined {
  return record instanceof ParsedRecord ? record.line : undefined;
}

/**
 * Only the header is parsed at once (correlation needs nothing else). Fields and the ENRICHED tail are
 * parsed on first read: many records are never looked into (PROCTITLE, whose hex is the longest).
 */
class ParsedRecord implements AuditRecord {
  private parsedFields: FieldList | undefined;
  private parsedTail: FieldList | undefined;

  constructor(
    readonly node: string | undefined,
    readonly type: string,
    readonly time: string,
    readonly serial: number,
    readonly line: string,
    private readonly bodyStart: number,
    private readonly bodyEnd: number,
    /** Index of the last 0x1d, or -1. */
    private readonly separator: number,
  ) {}

  get fields(): RecordFields {
    if (this.parsedFields === undefined) {
      this.parsedFields = new FieldList();
      parseFields(this.line, this.bodyStart, this.bodyEnd, this.parsedFields, this.type === 'EXECVE');
    }
    return this.parsedFields;
  }

  get enriched(): RecordFields | undefined {
    if (this.separator <= this.bodyStart) return undefined;
    if (this.parsedTail === undefined) {
      this.parsedTail = new FieldList();
      parseFields(this.line, this.separator + 1, this.line.length, this.parsedTail, false);
    }
    return this.parsedTail;
  }
}

function parseFields(text: string, start: number, end: number, into: FieldList, execve: boolean, nested = false): void {
  let pos = start;
  while (pos < end) {
    let c = text.charCodeAt(pos);
    if (c <= SPACE) {
      pos++;
      continue;
    }
    // Scan the key: up to '=' (a field) or a space (a bare word such as SELinux's `denied`).
    const keyStart = pos;
    while (pos < end && c !== 61 /* = */ && c > SPACE) c = text.charCodeAt(++pos);
    if (pos >= end || c !== 61) {
      pos = parseBareWord(text, keyStart, pos, end, into);
      continue;
    }
    const key = text.slice(keyStart, pos);
    const valueStart = pos + 1;
    const first = text.charCodeAt(valueStart);
    let value: string;
    let quoted = false;
    if (first === 34 /* " */ || first === 39 /* ' */) {
      let close = text.indexOf(first === 34 ? '"' : "'", valueStart + 1);
      if (close < 0 || close > end) close = end;
      pos = close + 1;
      if (first === 39 && key === 'msg') {
        // user-space body: msg='op=PAM:... acct="root" res=success'
        parseFields(text, valueStart + 1, close, into, false, true);
        continue;
      }
      value = execve && key.charCodeAt(key.length - 1) === 93 /* ] */
        ? text.slice(valueStart, Math.min(pos, end))
        : text.slice(valueStart + 1, close);
      quoted = true;
    } else if (first === 123 /* { */) {
      // ENRICHED structures: SADDR={ saddr_fam=inet laddr=127.0.0.1 lport=22 }
      let close = text.indexOf('}', valueStart + 1);
      if (close < 0 || close >= end) close = end - 1;
      pos = close + 1;
      value = text.slice(valueStart, pos);
    } else {
      pos = valueStart;
      while (pos < end && text.charCodeAt(pos) > SPACE) pos++;
      value = text.slice(valueStart, pos);
    }
    if (!quoted) {
      if (value === '(null)' || value === '(none)') continue;
      // The value test first: most values fail it, which spares hashing the key for the lookup.
      if (isEncodedHex(value) && shouldDecode(key, execve)) value = decodeHex(value);
    }
    // The first occurrence wins; a user-space body's field that the kernel's own record has is left out.
    if (!nested || !into.has(key)) into.add(key, value);
  }
}

function shouldDecode(key: string, execve: boolean): boolean {
  if (execve) return key.length > 1 && key.charCodeAt(0) === 97 /* a */ && digitsEnd(key, 1) === key.length;
  return HEX_ENCODED_FIELDS.has(key);
}

/** SELinux AVC prose: `avc:  denied  { read write } for ...` → seresult, seperms. Other words are skipped. */
function parseBareWord(text: string, pos: number, wordEnd: number, end: number, into: FieldList): number {
  // A token like `for` or `{`; if it ran into '=' past the end, it is cut text: skip to the end.
  let tokenEnd = wordEnd;
  while (tokenEnd < end && text.charCodeAt(tokenEnd) > SPACE) tokenEnd++;
  const word = text.slice(pos, tokenEnd);
  if (word === '{') {
    const closeBrace = text.indexOf('}', tokenEnd);
    const stop = closeBrace < 0 || closeBrace >= end ? end : closeBrace;
    if (!into.has('seperms')) into.add('seperms', text.slice(tokenEnd, stop).trim().replace(/\s+/g, ','));
    return stop + 1;
  }
  if ((word === 'denied' || word === 'granted') && !into.has('seresult')) into.add('seresult', word);
  return tokenEnd;
}

/** Index of the last 0x1d at or after `from`, or -1. Forward searches: lastIndexOf is 4x slower here. */
function lastSeparator(line: string, from: number): number {
  let last = line.indexOf(GROUP_SEPARATOR, from);
  if (last < 0) return -1;
  for (let next = line.indexOf(GROUP_SEPARATOR, last + 1); next >= 0; next = line.indexOf(GROUP_SEPARATOR, last + 1)) last = next;
  return last;
}
