import { digitsEnd } from './digits';
import type { FieldList } from './field-list';
import { decodeHex, HEX_ENCODED_FIELDS, isEncodedHex } from './hex-value';

const SPACE = 32;

/**
 * How a record's unquoted values are read: `execve` for EXECVE (its `aN` arguments are hex-encoded,
 * its pieces `aN[i]` kept as written); `lsm` for an AVC or a Landlock denial (its `key` is an IPC
 * object's id in decimal, `key=1291864389` is no hex text; its `path` of an abstract unix socket is
 * hex starting with a NUL, given as `@name` as ss and netstat write it); `plain` for every other
 * record and for ENRICHED tails.
 */
export type FieldSyntax = 'plain' | 'execve' | 'lsm';

/** Records written from the LSMs' common audit data: SELinux's, AppArmor's and Smack's AVC, Landlock's denials. */
const LSM_TYPES: ReadonlySet<string> = new Set(['AVC', 'LANDLOCK_ACCESS', 'UNKNOWN[1423]']);

/** The syntax of a record's fields, by its type. */
export function fieldSyntax(type: string): FieldSyntax {
  return type === 'EXECVE' ? 'execve' : LSM_TYPES.has(type) ? 'lsm' : 'plain';
}

/**
 * The `key=value` fields of `text[start, end)` into `into`: values unquoted and hex-decoded, `(null)`
 * and `(none)` left out; a user-space body `msg='...'` flattened into the fields; SELinux
 * `avc: denied { perm }` words as `seresult` and `seperms`; other words before the first field as
 * `text` (putProse), bare words after it skipped. With `execve` syntax, `aN` values are hex-decoded
 * and the pieces `aN[i]` kept as written (quotes included): the pieces of one argument are joined
 * before they are decoded. The parentheses and commas of old user-space lists are no part of keys or
 * values (withoutListPunctuation). `outerFields`, for a body: how many fields the record had before
 * it; a body's field that one of those has is left out (the kernel's pid, uid... win), a body's own
 * repeated field is kept.
 */
export function parseFields(text: string, start: number, end: number, into: FieldList, syntax: FieldSyntax, outerFields = -1): void {
  const nested = outerFields >= 0;
  let pos = start;
  let keyPrefix = '';
  let fields = 0;
  /** Where the words before the first field end (`security_compute_sid:  invalid context X for`). */
  let proseEnd = start;
  while (pos < end) {
    let c = text.charCodeAt(pos);
    if (c <= SPACE) {
      pos++;
      continue;
    }
    // Scan the key: up to '=' (a field) or a space (a bare word such as SELinux's `denied`).
    const keyStart = pos;
    // Old PAM and D-Bus bodies put their last fields in parentheses: `(hostname=?, addr=?, terminal=cron res=success)`.
    const nameStart = c === 40 /* ( */ ? keyStart + 1 : keyStart;
    while (pos < end && c !== 61 /* = */ && c > SPACE) c = text.charCodeAt(++pos);
    // No key (`= allow`, a word of some prose): not a field, a key must not be empty.
    if (pos >= end || c !== 61 || pos === nameStart) {
      // Older kernels' LOGIN: `old auid=500 new auid=0 old ses=1 new ses=2`, today's `old-auid=500 auid=0`.
      keyPrefix = pos - keyStart === 3 && text.startsWith('old', keyStart) ? 'old-' : '';
      pos = parseBareWord(text, keyStart, pos, end, into);
      if (fields === 0) proseEnd = pos;
      continue;
    }
    const key = keyPrefix === '' ? text.slice(nameStart, pos) : keyPrefix + text.slice(nameStart, pos);
    keyPrefix = '';
    if (fields++ === 0 && proseEnd > start && !nested) putProse(text, start, proseEnd, into, false);
    const valueStart = pos + 1;
    const first = text.charCodeAt(valueStart);
    let value: string;
    let quoted = false;
    if (first === 34 /* " */ || first === 39 /* ' */) {
      const body = first === 39 && key === 'msg';
      // A user-space body ends at the record's last quote: libaudit leaves `'` unencoded in its values
      // (acct="system-property('xsl:vendor')/>", a name typed at a login prompt), so the first one
      // may be inside a value, and what follows it would be read as fields outside the body.
      let close = body ? text.lastIndexOf("'", end - 1) : text.indexOf(first === 34 ? '"' : "'", valueStart + 1);
      if (close <= valueStart || close > end) close = end;
      pos = close + 1;
      if (body) {
        // user-space body: msg='op=PAM:... acct="root" res=success'
        parseFields(text, valueStart + 1, close, into, 'plain', into.size);
        continue;
      }
      value = syntax === 'execve' && key.charCodeAt(key.length - 1) === 93 /* ] */
        ? text.slice(valueStart, Math.min(pos, end))
        : text.slice(valueStart + 1, close);
      quoted = true;
    } else if (first === 123 /* { */) {
      // ENRICHED structures: SADDR={ saddr_fam=inet laddr=127.0.0.1 lport=22 }. They end at ` }` before
      // a space or the end: a socket path may hold a brace (`path=/tmp/{9e2c...}`).
      let close = structureEnd(text, valueStart + 1, end);
      if (close < 0) close = text.indexOf('}', valueStart + 1);
      if (close < 0 || close >= end) close = end - 1;
      pos = close + 1;
      value = text.slice(valueStart, pos);
    } else {
      pos = valueStart;
      while (pos < end && text.charCodeAt(pos) > SPACE) pos++;
      // User-space writers leave these unquoted with spaces: `op=adding user`, auditctl -m's `text=a b c`.
      if (nested && (key === 'op' || key === 'text')) pos = wordsEnd(text, pos, end);
      const last = text.charCodeAt(pos - 1);
      value = last === 44 /* , */ || last === 41 /* ) */ ? withoutListPunctuation(text, valueStart, pos) : text.slice(valueStart, pos);
    }
    if (!quoted) {
      const plain = unquotedValue(key, value, syntax);
      if (plain === undefined) continue;
      value = plain;
    }
    // A user-space body's field that the kernel's own record has is left out.
    if (!nested || !into.hasAmongFirst(key, outerFields)) into.add(key, value);
  }
  if (fields === 0 && proseEnd > start && !nested) putProse(text, start, Math.min(proseEnd, end), into, true);
}

/**
 * The words a kernel record has before its fields, as `text`: SELinux's `security_compute_sid:
 * invalid context X for`, AppArmor's `LOGPROF-HINT fork`, or all of it when it has no field (`whole`:
 * the AppArmor of kernels before 2.6.36, `REJECTING r access to ...`). Not an AVC's
 * `avc: denied { read } for`, which gives seresult and seperms, nor a lone word before the fields:
 * older kernels put the record's kind there (`user pid=...`, `login pid=...`).
 */
function putProse(text: string, start: number, end: number, into: FieldList, whole: boolean): void {
  // auditd 1.x: `auditd start, ver=1.2.9`: the comma ends the words, it is not part of them.
  const prose = text.slice(start, end).trim().replace(/\s+/g, ' ').replace(/,$/, '');
  if (prose === '' || prose.startsWith('avc:') || (!whole && !prose.includes(' '))) return;
  into.add('text', prose);
}

/**
 * An unquoted value without the punctuation of a list around it, as auparse reads it: `?,` is `?`,
 * `success)` is `success` (old PAM and D-Bus bodies: `(hostname=?, addr=?, terminal=cron res=success)`;
 * auditd 1.x: `auditd start, ver=1.2.9, format=raw`). A `)` that closes a `(` of the value stays
 * (`(sd-pam)`); the kernel's own unquoted values never end so.
 */
function withoutListPunctuation(text: string, start: number, end: number): string {
  if (end - start > 1 && text.charCodeAt(end - 1) === 44 /* , */) end--;
  if (end - start > 1 && text.charCodeAt(end - 1) === 41 /* ) */ && text.lastIndexOf('(', end - 2) < start) end--;
  return text.slice(start, end);
}

/** Where the bare words (no `=`, no quote) from `pos` end: before the next field, or at `end`. */
function wordsEnd(text: string, pos: number, end: number): number {
  let reached = pos;
  for (;;) {
    let at = reached;
    while (at < end && text.charCodeAt(at) <= SPACE) at++;
    if (at >= end) return reached;
    const wordStart = at;
    let c = text.charCodeAt(at);
    if (c === 34 /* " */ || c === 39 /* ' */) return reached;
    while (at < end && c > SPACE && c !== 61 /* = */) c = text.charCodeAt(++at);
    // A field (`id=4242`) ends the words.
    if ((at < end && c === 61) || at === wordStart) return reached;
    reached = at;
  }
}

/** Index of the `}` of the first ` }` in `text[from, end)` followed by a space or the end, or -1. */
function structureEnd(text: string, from: number, end: number): number {
  for (let at = text.indexOf(' }', from); at >= 0 && at + 1 < end; at = text.indexOf(' }', at + 1)) {
    if (at + 2 >= end || text.charCodeAt(at + 2) <= SPACE) return at + 1;
  }
  return -1;
}

/** An unquoted value as the fields give it: `(null)` and `(none)` are absent, an encoded field's hex is decoded. */
export function unquotedValue(key: string, value: string, syntax: FieldSyntax): string | undefined {
  if (value === '(null)' || value === '(none)') return undefined;
  // The value test first: most values fail it, which spares hashing the key for the lookup.
  if (!isEncodedHex(value) || !shouldDecode(key, syntax)) return value;
  const text = decodeHex(value);
  // auditd drops the NUL (`path=/tmp/dbus-x`), which reads as a file's path; the NULs that pad the name go.
  return syntax === 'lsm' && key === 'path' && text.charCodeAt(0) === 0 ? `@${text.slice(1).replace(/\0+$/, '')}` : text;
}

function shouldDecode(key: string, syntax: FieldSyntax): boolean {
  if (syntax === 'execve') return key.length > 1 && key.charCodeAt(0) === 97 /* a */ && digitsEnd(key, 1) === key.length;
  if (syntax === 'lsm' && key === 'key') return false;
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
