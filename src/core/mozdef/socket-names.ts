import { hexArgument } from './hex-argument';

/** socket(2) arguments (raw hex from the SYSCALL record) as names: `AF_PACKET`, `SOCK_RAW|SOCK_CLOEXEC`. */
const FAMILIES: ReadonlyMap<number, string> = new Map([
  [0, 'AF_UNSPEC'], [1, 'AF_UNIX'], [2, 'AF_INET'], [3, 'AF_AX25'], [4, 'AF_IPX'], [5, 'AF_APPLETALK'],
  [9, 'AF_X25'], [10, 'AF_INET6'], [15, 'AF_KEY'], [16, 'AF_NETLINK'], [17, 'AF_PACKET'], [29, 'AF_CAN'],
  [31, 'AF_BLUETOOTH'], [38, 'AF_ALG'], [40, 'AF_VSOCK'], [44, 'AF_XDP'],
]);
const TYPES: ReadonlyMap<number, string> = new Map([
  [1, 'SOCK_STREAM'], [2, 'SOCK_DGRAM'], [3, 'SOCK_RAW'], [4, 'SOCK_RDM'], [5, 'SOCK_SEQPACKET'],
  [6, 'SOCK_DCCP'], [10, 'SOCK_PACKET'],
]);
const SOCK_NONBLOCK = 0x800;
const SOCK_CLOEXEC = 0x80000;

export function socketFamily(a0: string | undefined): string | undefined {
  const n = hexArgument(a0);
  return n === undefined ? undefined : (FAMILIES.get(n) ?? String(n));
}

export function socketType(a1: string | undefined): string | undefined {
  const n = hexArgument(a1);
  if (n === undefined) return undefined;
  const base = n & 0xf;
  let name = TYPES.get(base) ?? String(base);
  if (n & SOCK_NONBLOCK) name += '|SOCK_NONBLOCK';
  if (n & SOCK_CLOEXEC) name += '|SOCK_CLOEXEC';
  return name;
}

/** The protocol number in decimal (for AF_PACKET it is an ethertype in network byte order, kept as is). */
export function socketProtocol(a2: string | undefined): string | undefined {
  const n = hexArgument(a2);
  return n === undefined ? undefined : String(n);
}
