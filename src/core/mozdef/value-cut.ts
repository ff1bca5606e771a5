/**
 * Cuts a value longer than `max` UTF-16 code units and says so: `...[cut 123 bytes]` (UTF-8 bytes
 * removed). The cut never splits a surrogate pair; JSON.stringify does the escaping afterwards, so
 * the message stays valid whatever the value holds.
 */
export function cutValue(value: string, max: number): string {
  if (value.length <= max) return value;
  let end = max;
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1; // high surrogate: keep the pair whole
  return `${value.slice(0, end)}...[cut ${Buffer.byteLength(value.slice(end), 'utf8')} bytes]`;
}
