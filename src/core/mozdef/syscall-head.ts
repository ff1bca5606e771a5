import type { RecordFields } from '../audit/field-list';
import type { Head } from './lead-records';
import { socketFamily, socketType } from './socket-names';
import type { SyscallCategory } from './syscall-categories';

/**
 * Category and summary of an event led by its SYSCALL record (or URINGOP). `name`: the syscall's name,
 * if known; `path`: what it acted on (the first PATH item's name, else its socket address); `inode`:
 * of the first PATH item; `command`: of the EXECVE records. `time` and `ptrace` have their own
 * (timeHead, ptraceHead).
 */
export function syscallHead(
  category: SyscallCategory | undefined,
  name: string | undefined,
  f: Pick<RecordFields, 'get'>,
  path: string | undefined,
  inode: string | undefined,
  command: string | undefined,
): Head {
  const target = path ?? (inode !== undefined ? `inode ${inode}` : '(no path)');
  switch (category) {
    case 'execve': {
      if (command !== undefined && command.trim() !== '') return { category, summary: `Execve: ${command}` };
      const program = path ?? f.get('exe') ?? '';
      // An empty command line hides what ran (exec'd with argc=0, which kernels since 5.18 turn into
      // one empty argument, as CVE-2021-4034 exploits do): the program instead.
      if (command !== undefined) return { category, summary: `Execve: ${program} (empty command line)` };
      const failed = f.get('success') === 'no' ? ` (failed, exit ${f.get('exit')})` : '';
      return { category, summary: `Execve: ${program}${failed}` };
    }
    case 'write': return { category, summary: `Write: ${target}` };
    case 'read': return { category, summary: `Read: ${target}` };
    case 'attribute': return { category, summary: `Attribute: ${target}` };
    case 'chmod': return { category, summary: `Chmod: ${target}` };
    case 'chown': return { category, summary: `Chown: ${target}` };
    case 'socket': {
      // A URINGOP record has no arguments to tell the family and type by.
      if (f.get('a0') === undefined) return { category, summary: 'Socket' };
      return { category, summary: `Socket: ${socketFamily(f.get('a0')) ?? '?'} ${socketType(f.get('a1')) ?? '?'}` };
    }
    case 'listen': return { category, summary: `Listen: ${f.get('exe') ?? f.get('comm') ?? 'pid ' + f.get('pid')}` };
    default: {
      const label = name ?? `syscall ${f.get('syscall') ?? '?'}`;
      return { category: 'syscall', summary: path === undefined ? `Syscall: ${label}` : `Syscall: ${label} ${path}` };
    }
  }
}
