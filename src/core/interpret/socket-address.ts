import { isUtf8 } from 'node:buffer';
import { decodeHex } from '../audit/hex-value';

const AF_LOCAL = 1;
const AF_INET = 2;
const AF_INET6 = 10;
const AF_NETLINK = 16;
const SOCKADDR_IN = 16;
const SOCKADDR_IN6 = 28;
const SOCKADDR_NL_PID_END = 8;

/** A socket address as auditd words it, and as `host:port` or a path for a summary. */
export interface SocketAddress {
  readonly words: string;
  readonly endpoint?: string;
}

/**
 * A SOCKADDR record's `saddr` (the raw struct sockaddr in hex) in the words auditd 3.x's ENRICHED
 * format gives it (`{ saddr_fam=inet laddr=10.1.2.3 lport=443 }`), so a RAW feed says what an ENRICHED
 * one does. Local, inet, inet6 and netlink addresses; undefined for other families, whose hex is
 * the only full account. Two differences: an inet6 scope is its number (`fe80::1%2`), as the name of
 * the interface is only known on the host; a struct from a big-endian host is read as such.
 */
export function socketAddress(saddr: string | undefined): SocketAddress | undefined {
  if (saddr === undefined || saddr.length < 4) return undefined;
  const bytes = Buffer.from(saddr, 'hex');
  // Decoding stops at the first character that is not hex.
  if (bytes.length * 2 !== saddr.length) return undefined;
  // sa_family is in the host's byte order; every family number is below 256.
  const little = bytes[1] === 0;
  const family = little ? bytes[0] : bytes[1];
  const hostU32 = (at: number) => (little ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at));
  switch (family) {
    case AF_LOCAL: {
      if (bytes.length <= 2) return { words: '{ saddr_fam=local sockaddr len too short }' };
      // An abstract name starts with a NUL; auditd shows it without, ss and netstat with an @.
      const abstract = bytes[2] === 0;
      const start = abstract ? 3 : 2;
      const nul = bytes.indexOf(0, start);
      const name = bytes.subarray(start, nul < 0 ? bytes.length : nul);
      const path = isUtf8(name) ? name.toString('utf8') : decodeHex(name.toString('hex'));
      return { words: `{ saddr_fam=local path=${path} }`, endpoint: abstract ? `@${path}` : path };
    }
    case AF_INET: {
      if (bytes.length < SOCKADDR_IN) return { words: '{ saddr_fam=inet sockaddr len too short }' };
      const address = [...bytes.subarray(4, 8)].join('.');
      const port = bytes.readUInt16BE(2);
      return { words: `{ saddr_fam=inet laddr=${address} lport=${port} }`, endpoint: `${address}:${port}` };
    }
    case AF_INET6: {
      if (bytes.length < SOCKADDR_IN6) return { words: '{ saddr_fam=inet6 sockaddr6 len too short }' };
      const scope = hostU32(24);
      const address = ipv6Text(bytes.subarray(8, 24)) + (scope === 0 ? '' : `%${scope}`);
      const port = bytes.readUInt16BE(2);
      return { words: `{ saddr_fam=inet6 laddr=${address} lport=${port} }`, endpoint: `[${address}]:${port}` };
    }
    case AF_NETLINK:
      if (bytes.length < SOCKADDR_NL_PID_END) return undefined;
      return { words: `{ saddr_fam=netlink nlnk-fam=${family} nlnk-pid=${hostU32(4)} }` };
    default:
      return undefined;
  }
}

/**
 * An IPv6 address as inet_ntop writes it (RFC 5952): lowercase, the longest run of two or more zero
 * groups (the first of equal runs) as `::`, and an IPv4-compatible or IPv4-mapped address with its
 * IPv4 part dotted (`::ffff:192.168.1.1`).
 */
function ipv6Text(address: Buffer): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(address.readUInt16BE(i));
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let end = i;
    while (end < 8 && groups[end] === 0) end++;
    if (end - i > bestLength && end - i >= 2) {
      bestStart = i;
      bestLength = end - i;
    }
    i = end;
  }
  const dotted = bestStart === 0 && (bestLength === 6 || (bestLength === 5 && groups[5] === 0xffff));
  const hexGroups = (from: number, to: number) => groups.slice(from, to).map((g) => g.toString(16)).join(':');
  if (dotted) return `::${bestLength === 5 ? 'ffff:' : ''}${[...address.subarray(12, 16)].join('.')}`;
  if (bestStart < 0) return hexGroups(0, 8);
  return `${hexGroups(0, bestStart)}::${hexGroups(bestStart + bestLength, 8)}`;
}
