import { isUtf8 } from 'node:buffer';

/**
 * UTF-8 bytes as text, keeping the bytes that are not UTF-8 as `\xNN` (as decodeHex does for hex
 * values) instead of U+FFFD: a user-space message is whatever its sender wrote, and the kernel and
 * auditd pass its bytes on as they are (seen here: `msg='abc\xff\xfe...'` in audit.log and the plugin
 * feed), so a replacement character would lose what was sent.
 */
export function losslessUtf8(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isUtf8(buffer)) return buffer.toString('utf8');
  let text = '';
  let runStart = 0;
  let at = 0;
  while (at < buffer.length) {
    const length = sequenceLength(buffer, at, buffer.length);
    if (length > 0) {
      at += length;
      continue;
    }
    text += `${buffer.toString('utf8', runStart, at)}\\x${buffer[at].toString(16).padStart(2, '0')}`;
    at += 1;
    runStart = at;
  }
  return text + buffer.toString('utf8', runStart, at);
}

/**
 * Where a character that the end of `bytes` cuts short begins (its first bytes are a valid start of
 * one, the rest is in the next chunk); `bytes.length` when there is none.
 */
export function cutCharacterStart(bytes: Uint8Array): number {
  const end = bytes.length;
  for (let at = end - 1; at >= 0 && at >= end - 3; at--) {
    const byte = bytes[at];
    if (byte < 0x80) return end;
    if (byte >= 0xc0) return sequenceLength(bytes, at, end) < 0 ? at : end;
  }
  return end;
}

/**
 * The length of the valid UTF-8 sequence at `at` (1 to 4), 0 when its first byte starts none, -1 when
 * it is a valid start cut short by `end`. Valid as the standard says: no overlong forms, no surrogates,
 * nothing past U+10FFFF.
 */
function sequenceLength(bytes: Uint8Array, at: number, end: number): number {
  const lead = bytes[at];
  if (lead < 0x80) return 1;
  let length: number;
  let low = 0x80;
  let high = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) length = 2;
  else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead === 0xe0) low = 0xa0;
    else if (lead === 0xed) high = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead === 0xf0) low = 0x90;
    else if (lead === 0xf4) high = 0x8f;
  } else return 0;
  for (let i = 1; i < length; i++) {
    if (at + i >= end) return -1;
    const byte = bytes[at + i];
    if (byte < (i === 1 ? low : 0x80) || byte > (i === 1 ? high : 0xbf)) return 0;
  }
  return length;
}
