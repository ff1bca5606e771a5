import { jsonString } from './json-string';

/**
 * A `details` key, made once: its JSON spellings are ready for every message, and the DetailsBuilder
 * tells whether it already holds the key from a mark on the key itself, without a scan or a hash.
 */
export class DetailKey {
  /** How the member opens after the object's start, a value written by JSON.stringify, or a plain
   * value whose closing quote is still to be written; `Escaped` when its own value is written by
   * JSON.stringify (`{"pid":`), else its opening quote is included (`{"pid":"`). */
  readonly first: string;
  readonly next: string;
  readonly afterQuoted: string;
  readonly firstEscaped: string;
  readonly nextEscaped: string;
  readonly afterQuotedEscaped: string;
  /** The number of the last DetailsBuilder that took this key (see DetailsBuilder.has). */
  mark = 0;

  constructor(
    readonly name: string,
    /** False for a key made past KEYS_REMEMBERED: its name may come again as another object. */
    readonly unique: boolean,
  ) {
    const json = jsonString(name);
    this.first = `{${json}:"`;
    this.next = `,${json}:"`;
    this.afterQuoted = `",${json}:"`;
    this.firstEscaped = `{${json}:`;
    this.nextEscaped = `,${json}:`;
    this.afterQuotedEscaped = `",${json}:`;
  }
}

/**
 * Keys by name. Raw field names (a lead record's fields become keys) can be anything a sender writes,
 * so the memory is bounded: past KEYS_REMEMBERED names, a key is made anew each time.
 */
const KEYS_REMEMBERED = 10_000;
const keys = new Map<string, DetailKey>();

/**
 * The key called `name`, the same object each time (past KEYS_REMEMBERED names, a new one). Its
 * name is plain (plainKeyName): a raw field's name is the sender's to choose. Names that make the
 * same plain name (`a.b`, `a_b`) get the same object, so that a builder sees the name taken.
 */
export function detailKey(name: string): DetailKey {
  let key = keys.get(name);
  if (key !== undefined) return key;
  const plain = plainKeyName(name);
  key = plain === name ? undefined : keys.get(plain);
  if (key === undefined) {
    key = new DetailKey(plain, keys.size < KEYS_REMEMBERED);
    if (key.unique) keys.set(plain, key);
  }
  if (key.unique && keys.size < KEYS_REMEMBERED) keys.set(name, key);
  return key;
}

const NOT_PLAIN = /[^A-Za-z0-9_-]/;
const EVERY_NOT_PLAIN = /[^A-Za-z0-9_-]/g;

/**
 * `name` with `_` for each character other than a letter, a digit, `_` and `-`, as Logstash's de_dot
 * does for dots: Elasticsearch reads `a.b` as the field b of an object a, which clashes with a string
 * `a` in the same index and gets the whole message refused (MozDef, Kafka and Fluentd pipelines end
 * there). Kernel fields are plain already; a user-space message's are whatever its sender wrote.
 */
function plainKeyName(name: string): string {
  return NOT_PLAIN.test(name) ? name.replace(EVERY_NOT_PLAIN, '_') : name;
}

/** The keys the formatter writes itself, made once at start (so they are never past the bound). */
export const KEY = {
  auditserial: detailKey('auditserial'),
  eventid: detailKey('eventid'),
  node: detailKey('node'),
  processname: detailKey('processname'),
  process: detailKey('process'),
  pid: detailKey('pid'),
  ppid: detailKey('ppid'),
  parentprocess: detailKey('parentprocess'),
  auditkey: detailKey('auditkey'),
  syscall: detailKey('syscall'),
  socketcall: detailKey('socketcall'),
  uringop: detailKey('uringop'),
  success: detailKey('success'),
  exit: detailKey('exit'),
  errno: detailKey('errno'),
  uid: detailKey('uid'),
  user: detailKey('user'),
  originaluid: detailKey('originaluid'),
  originaluser: detailKey('originaluser'),
  gid: detailKey('gid'),
  euid: detailKey('euid'),
  suid: detailKey('suid'),
  fsuid: detailKey('fsuid'),
  egid: detailKey('egid'),
  sgid: detailKey('sgid'),
  fsgid: detailKey('fsgid'),
  session: detailKey('session'),
  tty: detailKey('tty'),
  subj: detailKey('subj'),
  cwd: detailKey('cwd'),
  command: detailKey('command'),
  sockaddr: detailKey('sockaddr'),
  targetpid: detailKey('targetpid'),
  targetprocess: detailKey('targetprocess'),
  ptracerequest: detailKey('ptracerequest'),
  signal: detailKey('signal'),
  a0: detailKey('a0'),
  a1: detailKey('a1'),
  a2: detailKey('a2'),
  a3: detailKey('a3'),
  newmode: detailKey('newmode'),
  newuid: detailKey('newuid'),
  newgid: detailKey('newgid'),
  domain: detailKey('domain'),
  type: detailKey('type'),
  protocol: detailKey('protocol'),
  dev: detailKey('dev'),
  promiscious: detailKey('promiscious'),
  old_promicious: detailKey('old_promicious'),
  aaresult: detailKey('aaresult'),
  aacoperation: detailKey('aacoperation'),
  aaprofile: detailKey('aaprofile'),
  aacommand: detailKey('aacommand'),
  aaerror: detailKey('aaerror'),
  aaname: detailKey('aaname'),
  aasrcname: detailKey('aasrcname'),
  aaflags: detailKey('aaflags'),
  aarequested_mask: detailKey('aarequested_mask'),
  aadenied_mask: detailKey('aadenied_mask'),
  aapeer: detailKey('aapeer'),
} as const;
