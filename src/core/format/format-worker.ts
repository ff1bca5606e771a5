import { parentPort, workerData } from 'node:worker_threads';
import { PasswdUserDirectory } from '../interpret/passwd-user-directory';
import { TableSyscallNames } from '../interpret/table-syscall-names';
import { MozDefFormatter } from '../mozdef/mozdef-formatter';
import { serveFormatRequests, type FormatWorkerData } from './format-protocol';

/**
 * The formatting thread. The user names it caches outlive a config; they are read again on reload.
 */
// No data for an early worker (EarlyFormatWorker): its options come in a `start` request.
const data = workerData as FormatWorkerData | undefined;
const syscalls = new TableSyscallNames();
const users = new PasswdUserDirectory();

serveFormatRequests(parentPort!, data?.options, (options, reload) => {
  if (reload) users.refresh();
  return new MozDefFormatter(options, syscalls, users);
});
