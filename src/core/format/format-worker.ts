import { parentPort, workerData } from 'node:worker_threads';
import { PasswdUserDirectory } from '../interpret/passwd-user-directory';
import { RecentProcessTable } from '../interpret/recent-process-table';
import { TableSyscallNames } from '../interpret/table-syscall-names';
import { MozDefFormatter } from '../mozdef/mozdef-formatter';
import { serveFormatRequests, type FormatWorkerData } from './format-protocol';

/**
 * The formatting thread. The caches that outlive a config (user names, the process table) live here,
 * with the formatter that reads them; user names are read again on reload.
 */
const data = workerData as FormatWorkerData;
const syscalls = new TableSyscallNames();
const users = new PasswdUserDirectory();
const processes = new RecentProcessTable({ live: data.live });

serveFormatRequests(parentPort!, data.options, (options, reload) => {
  if (reload) users.refresh();
  return new MozDefFormatter(options, syscalls, users, processes);
});
