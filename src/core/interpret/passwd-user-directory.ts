import { readFileSync } from 'node:fs';
import type { UserDirectory } from './user-directory';

export interface PasswdUserDirectoryOptions {
  readonly passwdFile?: string;
  readonly groupFile?: string;
}

/** auditd's "unset" id (-1 as u32). */
const UNSET = 4294967295;

/**
 * Names from the local /etc/passwd and /etc/group, read on first use and again after `refresh()`
 * (SIGHUP). Like getpwuid, the first entry of an id wins. An unreadable file means no names, not an error.
 */
export class PasswdUserDirectory implements UserDirectory {
  private users: Map<number, string> | undefined;
  private groups: Map<number, string> | undefined;

  constructor(private readonly options: PasswdUserDirectoryOptions = {}) {}

  userName(uid: number): string | undefined {
    if (uid === UNSET || uid < 0) return undefined;
    this.users ??= readIdFile(this.options.passwdFile ?? '/etc/passwd');
    return this.users.get(uid);
  }

  groupName(gid: number): string | undefined {
    if (gid === UNSET || gid < 0) return undefined;
    this.groups ??= readIdFile(this.options.groupFile ?? '/etc/group');
    return this.groups.get(gid);
  }

  refresh(): void {
    this.users = undefined;
    this.groups = undefined;
  }
}

/** `name:password:id:...` lines → id → name. */
function readIdFile(file: string): Map<number, string> {
  const names = new Map<number, string>();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return names;
  }
  for (const line of text.split('\n')) {
    const fields = line.split(':');
    if (fields.length < 3 || fields[0] === '' || line.startsWith('#')) continue;
    const id = Number(fields[2]);
    if (Number.isInteger(id) && !names.has(id)) names.set(id, fields[0]);
  }
  return names;
}
