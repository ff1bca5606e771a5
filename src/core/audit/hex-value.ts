import { isUtf8 } from 'node:buffer';

/**
 * Fields whose untrusted text the kernel or auditd hex-encodes when it holds a space, a quote or a byte
 * outside 0x21-0x7e (the value is then unquoted uppercase hex). EXECVE `aN` arguments are handled by
 * the parser itself. Quoted values are always plain.
 */
export const HEX_ENCODED_FIELDS: ReadonlySet<string> = new Set([
  'proctitle', 'cwd', 'name', 'path', 'comm', 'exe', 'key', 'data', 'cmd', 'acct', 'watch', 'dir',
  'ocomm', 'old-comm', 'new-comm', 'profile', 'peer', 'peer_profile', 'target', 'root_dir', 'sw', 'vm',
  'grp', 'new_group', 'old-chardev', 'new-chardev', 'old-disk', 'new-disk', 'old-fs', 'new-fs',
  'old-net', 'new-net', 'device', 'hostname', 'terminal',
]);

/** Uppercase hex of even length, as the kernel writes it. */
export function isEncodedHex(value: string): boolean {
  const n = value.length;
  if (n === 0 || (n & 1) === 1) return false;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 70))) return false;
  }
  return true;
}

/**
 * Decode hex to text. Valid UTF-8 is kept as is (NULs included: callers decide, e.g. PROCTITLE joins
 * arguments with spaces); bytes that are not valid UTF-8 are written as `\xNN` so nothing is lost or
 * replaced by U+FFFD.
 */
export function decodeHex(value: string): string {
  const bytes = Buffer.from(value, 'hex');
  if (isUtf8(bytes)) return bytes.toString('utf8');
  let out = '';
  for (const byte of bytes) {
    out += byte >= 0x20 && byte < 0x7f && byte !== 0x5c ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}
