import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AuditEvent } from '../audit/audit-event';
import { recordLine } from '../audit/parse-record';
import type { Logger } from '../log/logger';
import { recordsRead } from '../mozdef/event-parts';
import type { MozDefFormatterOptions } from '../mozdef/mozdef-formatter';
import type { BatchRequest, BatchResult, FormatWorkerData } from './format-protocol';
import type { FormatListener, FormatStage } from './format-stage';

export interface WorkerFormatStageOptions {
  readonly formatter: MozDefFormatterOptions;
  /** Reading auditd's live feed (the process table may look at /proc). */
  readonly live: boolean;
  readonly logger: Logger;
  /** The worker's script; tests put in one that misbehaves. */
  readonly script?: string;
  /** A batch is handed over when it has this many events, or at the end of each input chunk. */
  readonly maxBatchEvents?: number;
  /** Events handed over but not yet back; beyond this the input waits. */
  readonly maxEventsInFlight?: number;
}

/** A worker that dies this many times in a row without answering is not started again. */
const MAX_FRUITLESS_STARTS = 3;

/**
 * Formats on a worker thread, so reading, parsing headers and correlating (this thread) overlap with
 * parsing fields, formatting and JSON encoding (the worker). Messages come back in event order.
 *
 * A worker that dies is started again; the events it had are counted lost (`failed.worker_failed`)
 * and logged, not sent again: keeping every line until its answer came back made this thread's
 * garbage collection cost more than the worker saves. After MAX_FRUITLESS_STARTS deaths in a row
 * without an answer, every event is counted failed: never a silent loss, never a restart loop.
 */
export class WorkerFormatStage implements FormatStage {
  private listener: FormatListener | undefined;
  private worker: Worker | undefined;
  private options: MozDefFormatterOptions;
  private lines: string[] = [];
  private sizes: number[] = [];
  private nextSeq = 0;
  /** Batches out (seq → number of events), in order. */
  private readonly inFlight = new Map<number, number>();
  private eventsInFlight = 0;
  private roomWaiters: (() => void)[] = [];
  private settleWaiters: (() => void)[] = [];
  private fruitlessStarts = 0;
  private workerError: Error | undefined;
  private closing = false;
  private readonly maxBatchEvents: number;
  private readonly maxEventsInFlight: number;

  constructor(private readonly config: WorkerFormatStageOptions) {
    this.options = config.formatter;
    this.maxBatchEvents = config.maxBatchEvents ?? 256;
    this.maxEventsInFlight = config.maxEventsInFlight ?? 2048;
    this.worker = this.startWorker();
  }

  connect(listener: FormatListener): void {
    this.listener = listener;
  }

  submit(event: AuditEvent): void {
    const records = recordsRead(event.records);
    for (const record of records) {
      const line = recordLine(record);
      if (line === undefined) throw new Error('WorkerFormatStage: a record without its line cannot be sent to the worker');
      this.lines.push(line);
    }
    this.sizes.push(records.length);
    if (this.sizes.length >= this.maxBatchEvents) this.flush();
  }

  flush(): void {
    if (this.sizes.length === 0) return;
    const request: BatchRequest = { kind: 'batch', seq: this.nextSeq++, lines: this.lines, sizes: this.sizes };
    this.lines = [];
    this.sizes = [];
    this.inFlight.set(request.seq, request.sizes.length);
    this.eventsInFlight += request.sizes.length;
    if (this.worker === undefined) this.giveUp(request.seq, 'no formatting worker');
    else this.worker.postMessage(request);
  }

  room(): Promise<void> | undefined {
    if (this.eventsInFlight < this.maxEventsInFlight) return undefined;
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  settle(): Promise<void> {
    this.flush();
    if (this.inFlight.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.settleWaiters.push(resolve));
  }

  /**
   * SIGHUP: events from now on are formatted with `options`; user names are read again. A stage that
   * gave up on its worker tries again (a new worker reads the options from its start data).
   */
  reload(options: MozDefFormatterOptions): void {
    this.flush();
    this.options = options;
    if (this.worker !== undefined) {
      this.worker.postMessage({ kind: 'reload', options });
    } else if (!this.closing) {
      this.fruitlessStarts = 0;
      this.worker = this.startWorker();
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.worker?.terminate();
    this.worker = undefined;
  }

  private startWorker(): Worker {
    const data: FormatWorkerData = { options: this.options, live: this.config.live };
    const worker = new Worker(this.config.script ?? path.join(__dirname, 'format-worker.js'), { workerData: data });
    this.workerError = undefined;
    worker.on('message', (result: BatchResult) => this.onResult(result));
    worker.on('error', (error) => (this.workerError = error));
    worker.on('exit', (code) => {
      if (this.closing || this.worker !== worker) return;
      this.onWorkerDeath(this.workerError?.message ?? `exit code ${code}`);
    });
    return worker;
  }

  private onResult(result: BatchResult): void {
    this.fruitlessStarts = 0;
    this.finish(result.seq);
    const listener = this.listener!;
    let offset = 0;
    for (let i = 0; i < result.jsonLengths.length; i++) {
      const id = result.text.slice(offset, (offset += result.idLengths[i]));
      const json = result.text.slice(offset, (offset += result.jsonLengths[i]));
      listener.message({ id, category: result.categories[i], hostname: result.hostnames[i], time: result.times[i], json });
    }
    if (result.skipped > 0) listener.skipped(result.skipped);
    for (const failure of result.failures) listener.failed(1, 'format_error', failure);
  }

  private onWorkerDeath(reason: string): void {
    this.fruitlessStarts++;
    const restart = this.fruitlessStarts <= MAX_FRUITLESS_STARTS;
    this.config.logger.error(`formatting worker stopped (${reason}); ${restart ? 'starting it again' : 'giving up: events are counted as failed'}`);
    this.worker = restart ? this.startWorker() : undefined;
    for (const seq of [...this.inFlight.keys()]) this.giveUp(seq, reason);
  }

  private giveUp(seq: number, reason: string): void {
    const events = this.finish(seq);
    this.listener!.failed(events, 'worker_failed', reason);
  }

  /** Forgets a batch that came back or was given up; returns its number of events. */
  private finish(seq: number): number {
    const events = this.inFlight.get(seq) ?? 0;
    this.inFlight.delete(seq);
    this.eventsInFlight -= events;
    if (this.eventsInFlight < this.maxEventsInFlight) this.wake('roomWaiters');
    if (this.inFlight.size === 0) this.wake('settleWaiters');
    return events;
  }

  private wake(which: 'roomWaiters' | 'settleWaiters'): void {
    const waiters = this[which];
    if (waiters.length === 0) return;
    this[which] = [];
    for (const resolve of waiters) resolve();
  }
}
