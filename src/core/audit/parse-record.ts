import type { AuditRecord } from './audit-record';
import { digitsEnd } from './digits';
import { FieldList, type RecordFields } from './field-list';
import { fieldSyntax, parseFields, unquotedValue } from './parse-fields';

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
  return new ParsedRecord(node, type, time, serial, line, bodyStart);
}

/** The line a record was parsed from; undefined for records built another way (tests). */
export function recordLine(record: AuditRecord): string | undefined {
  return record instanceof ParsedRecord ? record.line : undefined;
}

/**
 * The first `key` field of a kernel record, read in place without parsing the others: for the few
 * fields the main thread needs (a SYSCALL record's pid, ppid, exe and comm). The kernel quotes or
 * hex-encodes every value that could hold a space or a quote, so ` key=` never occurs inside a value
 * of its records. Values as the parser gives them. Records not parsed from a line use their fields.
 */
export function kernelField(record: AuditRecord, key: string): string | undefined {
  return record instanceof ParsedRecord ? record.kernelField(key) : record.fields.get(key);
}

/**
 * Only the header is parsed at once (correlation needs nothing else). Fields and the ENRICHED tail are
 * parsed on first read: many records are never looked into (PROCTITLE, whose hex is the longest).
 */
class ParsedRecord implements AuditRecord {
  private parsedFields: FieldList | undefined;
  private parsedTail: FieldList | undefined;
  /**
   * Index of the last 0x1d, or -1; looked for when first needed: the main thread reads only the
   * header of most records, and the search costs a third of the header's parse.
   */
  private separatorAt = NOT_LOOKED_FOR;

  constructor(
    readonly node: string | undefined,
    readonly type: string,
    readonly time: string,
    readonly serial: number,
    readonly line: string,
    private readonly bodyStart: number,
  ) {}

  private get separator(): number {
    if (this.separatorAt === NOT_LOOKED_FOR) this.separatorAt = lastSeparator(this.line, this.bodyStart);
    return this.separatorAt;
  }

  /** Where the kernel's part ends: at the ENRICHED tail's separator, or the end of the line. */
  private get bodyEnd(): number {
    const separator = this.separator;
    return separator > this.bodyStart ? separator : this.line.length;
  }

  get fields(): RecordFields {
    if (this.parsedFields === undefined) {
      this.parsedFields = new FieldList();
      parseFields(this.line, this.bodyStart, this.bodyEnd, this.parsedFields, fieldSyntax(this.type));
    }
    return this.parsedFields;
  }

  kernelField(key: string): string | undefined {
    const { line, bodyEnd } = this;
    let at = this.kernelValueStart(key);
    if (at < 0) return undefined;
    if (line.charCodeAt(at) === 34 /* " */) {
      const close = line.indexOf('"', at + 1);
      return line.slice(at + 1, close < 0 || close > bodyEnd ? bodyEnd : close);
    }
    let end = at;
    while (end < bodyEnd && line.charCodeAt(end) > SPACE) end++;
    return unquotedValue(key, line.slice(at, end), fieldSyntax(this.type));
  }

  /** Where the value of the first `key=` of the body starts, or -1. */
  private kernelValueStart(key: string): number {
    const { line, bodyStart, bodyEnd } = this;
    const needle = fieldNeedle(key);
    // Searched without the space in front: a space is in every field, the key's first letter is not.
    let at = line.indexOf(needle, bodyStart);
    while (at > bodyStart && at < bodyEnd && line.charCodeAt(at - 1) > SPACE) at = line.indexOf(needle, at + 1);
    return at < 0 || at >= bodyEnd ? -1 : at + needle.length;
  }

  get enriched(): RecordFields | undefined {
    if (this.separator <= this.bodyStart) return undefined;
    if (this.parsedTail === undefined) {
      this.parsedTail = new FieldList();
      parseFields(this.line, this.separator + 1, this.line.length, this.parsedTail, 'plain');
    }
    return this.parsedTail;
  }
}

const NOT_LOOKED_FOR = -2;

const needles = new Map<string, string>();

/** `key=`, made once per key (the keys are a handful of constants). */
function fieldNeedle(key: string): string {
  let needle = needles.get(key);
  if (needle === undefined) needles.set(key, (needle = `${key}=`));
  return needle;
}

/** Index of the last 0x1d at or after `from`, or -1. Forward searches: lastIndexOf is 4x slower here. */
function lastSeparator(line: string, from: number): number {
  let last = line.indexOf(GROUP_SEPARATOR, from);
  if (last < 0) return -1;
  for (let next = line.indexOf(GROUP_SEPARATOR, last + 1); next >= 0; next = line.indexOf(GROUP_SEPARATOR, last + 1)) last = next;
  return last;
}
