import type { RecordFields } from '../audit/field-list';
import { KEY } from './detail-key';
import type { DetailsBuilder } from './details-builder';
import { hexArgument } from './hex-argument';

/** The argument that holds the mode of each chmod call, and the owner and group of each chown call. */
const MODE_ARG: ReadonlyMap<string, string> = new Map([
  ['chmod', 'a1'], ['fchmod', 'a1'], ['fchmodat', 'a2'], ['fchmodat2', 'a2'],
]);
const OWNER_ARGS: ReadonlyMap<string, readonly [string, string]> = new Map([
  ['chown', ['a1', 'a2']], ['fchown', ['a1', 'a2']], ['lchown', ['a1', 'a2']],
  ['chown32', ['a1', 'a2']], ['fchown32', ['a1', 'a2']], ['lchown32', ['a1', 'a2']],
  ['fchownat', ['a2', 'a3']],
]);

/** -1 as the kernel prints an argument: 32 or 64 bits, or 16 for i386's old chown calls. */
const UNCHANGED: ReadonlySet<string> = new Set(['ffff', 'ffffffff', 'ffffffffffffffff']);

/**
 * What a chmod or chown sets, from its arguments: PATH records describe the file as it was before
 * the call, so without these a `chmod u+s` or a `chown root` shows only the old mode or owner.
 * `newmode` in octal (`04755`); `newuid` and `newgid` as ids, left out when the call keeps them (-1).
 */
export function putNewAttributes(syscall: string, f: Pick<RecordFields, 'get'>, d: DetailsBuilder): void {
  const modeArg = MODE_ARG.get(syscall);
  if (modeArg !== undefined) {
    const mode = hexArgument(f.get(modeArg));
    if (mode !== undefined) d.put(KEY.newmode, `0${(mode & 0o7777).toString(8).padStart(3, '0')}`);
    return;
  }
  const ownerArgs = OWNER_ARGS.get(syscall);
  if (ownerArgs === undefined) return;
  d.put(KEY.newuid, idArgument(f.get(ownerArgs[0])));
  d.put(KEY.newgid, idArgument(f.get(ownerArgs[1])));
}

function idArgument(value: string | undefined): string | undefined {
  if (value === undefined || UNCHANGED.has(value.toLowerCase())) return undefined;
  const id = hexArgument(value);
  return id === undefined || id > 0xffffffff ? undefined : String(id);
}
