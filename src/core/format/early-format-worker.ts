import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

/** The formatting thread's script. */
export const FORMAT_WORKER_SCRIPT = path.join(__dirname, 'format-worker.js');

/**
 * A formatting worker started before the config is read, so that its boot (about 45 ms of loading
 * modules) overlaps our own imports. It formats nothing until a WorkerFormatStage takes it and sends
 * its options. Until then it does not keep the process alive (a refused config exits at once), and
 * a failure of it only means the stage starts a worker of its own.
 */
export class EarlyFormatWorker {
  private readonly worker: Worker;
  private exited = false;
  private taken = false;

  constructor(script = FORMAT_WORKER_SCRIPT) {
    this.worker = new Worker(script);
    this.worker.unref();
    this.worker.once('exit', () => (this.exited = true));
    // Without a listener an error would be thrown here; the stage learns of a death from the exit.
    this.worker.on('error', () => undefined);
  }

  /**
   * The worker, for one stage only, now keeping the process alive as a worker the stage started
   * itself would; undefined when it has stopped already or was taken before.
   */
  take(): Worker | undefined {
    if (this.exited || this.taken) return undefined;
    this.taken = true;
    this.worker.ref();
    return this.worker;
  }
}
