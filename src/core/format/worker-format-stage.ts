import { Worker } from 'node:worker_threads';
import type { AuditEvent } from '../audit/audit-event';
import type { AuditRecord } from '../audit/audit-record';
import { recordLine } from '../audit/parse-record';
import { PasswdUserDirectory } from '../interpret/passwd-user-directory';
import { TableSyscallNames } from '../interpret/table-syscall-names';
import type { Logger } from '../log/logger';
import { recordsRead } from '../mozdef/event-parts';
import { MozDefFormatter, type MozDefFormatterOptions } from '../mozdef/mozdef-formatter';
import { type EarlyFormatWorker, FORMAT_WORKER_SCRIPT } from './early-format-worker';
import { formatBatch, type BatchEvents, type BatchRequest, type BatchResult, type FormatWorkerData, type StartRequest } from './format-protocol';
import type { FormatListener, FormatStage } from './format-stage';
import { EncodedMessage } from './encoded-message';
import { OrderedBatches } from './ordered-batches';

export interface WorkerFormatStageOptions {
  readonly formatter: MozDefFormatterOptions;
  readonly logger: Logger;
  /** The worker's script; tests put in one that misbehaves. */
  readonly script?: string;
  /** A worker started before the options were known (main.ts): the first worker, unless it stopped. */
  readonly early?: EarlyFormatWorker;
  /** A batch is handed over when it has this many events, or at the end of each input chunk. */
  readonly maxBatchEvents?: number;
  /**
   * Events handed to the worker and not yet back; beyond this, batches are formatted on this thread.
   * Also the bound on formatted events that wait for earlier ones: beyond it the input waits.
   */
  readonly maxEventsInFlight?: number;
}

/** What became of a batch: its messages, or the reason its events were lost. */
interface BatchOutcome {
  readonly events: number;
  readonly result?: BatchResult;
  readonly lost?: string;
}

/** A worker that dies this many times in a row without answering is not started again. */
const MAX_FRUITLESS_STARTS = 3;

/**
 * Formats on a worker thread, so reading, parsing headers and correlating (this thread) overlap with
 * parsing fields, formatting and JSON encoding (the worker). When the worker already holds
 * maxEventsInFlight events, this thread formats the next batch itself instead of waiting: both cores
 * stay busy whichever side is slower. Messages come out in event order.
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
  private request: BatchEvents = emptyRequest();
  /** The records of the request's lines: formatted here, the batch needs no second parse. */
  private requestRecords: AuditRecord[] = [];
  private readonly batches = new OrderedBatches<BatchOutcome>((outcome) => this.deliver(outcome));
  /** Batches at the worker (seq → number of events). */
  private readonly atWorker = new Map<number, number>();
  private eventsAtWorker = 0;
  private roomWaiters: (() => void)[] = [];
  private settleWaiters: (() => void)[] = [];
  private fruitlessStarts = 0;
  private workerError: Error | undefined;
  private closing = false;
  private readonly maxBatchEvents: number;
  private readonly maxEventsInFlight: number;
  /** This thread's formatter, made when first needed (again after a reload: user names are read again). */
  private local: MozDefFormatter | undefined;

  constructor(private readonly config: WorkerFormatStageOptions) {
    this.options = config.formatter;
    this.maxBatchEvents = config.maxBatchEvents ?? 256;
    this.maxEventsInFlight = config.maxEventsInFlight ?? 2048;
    const early = config.early?.take();
    this.worker = early === undefined ? this.startWorker() : this.watch(early, { kind: 'start', options: this.options });
  }

  connect(listener: FormatListener): void {
    this.listener = listener;
  }

  submit(event: AuditEvent): void {
    const request = this.request;
    const records = recordsRead(event.records);
    for (const record of records) {
      const line = recordLine(record);
      if (line === undefined) throw new Error('WorkerFormatStage: a record without its line cannot be sent to the worker');
      request.lines.push(line);
      this.requestRecords.push(record);
    }
    if (event.processNames !== undefined) {
      for (const [pid, name] of event.processNames) {
        request.namedEvents.push(request.sizes.length);
        request.namedPids.push(pid);
        request.names.push(name);
      }
    }
    request.sizes.push(records.length);
    if (request.sizes.length >= this.maxBatchEvents) this.flush();
  }

  flush(): void {
    const request = this.request;
    const events = request.sizes.length;
    if (events === 0) return;
    const records = this.requestRecords;
    this.request = emptyRequest();
    this.requestRecords = [];
    const seq = this.batches.open();
    if (this.worker === undefined) {
      this.batches.complete(seq, { events, lost: 'no formatting worker' });
    } else if (this.eventsAtWorker >= this.maxEventsInFlight) {
      this.batches.complete(seq, { events, result: formatBatch(this.localFormatter(), request, seq, records) });
    } else {
      this.atWorker.set(seq, events);
      this.eventsAtWorker += events;
      const message: BatchRequest = { kind: 'batch', seq, ...request };
      this.worker.postMessage(message);
    }
  }

  room(): Promise<void> | undefined {
    if (this.batches.heldEvents < this.maxEventsInFlight) return undefined;
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  settle(): Promise<void> {
    this.flush();
    if (this.batches.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.settleWaiters.push(resolve));
  }

  /**
   * SIGHUP: events from now on are formatted with `options`; user names are read again. A stage that
   * gave up on its worker tries again (a new worker reads the options from its start data).
   */
  reload(options: MozDefFormatterOptions): void {
    this.flush();
    this.options = options;
    this.local = undefined;
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

  private localFormatter(): MozDefFormatter {
    return (this.local ??= new MozDefFormatter(this.options, new TableSyscallNames(), new PasswdUserDirectory()));
  }

  private startWorker(): Worker {
    const data: FormatWorkerData = { options: this.options };
    return this.watch(new Worker(this.config.script ?? FORMAT_WORKER_SCRIPT, { workerData: data }));
  }

  /** Listens to a new worker; `start` gives an early worker its options. */
  private watch(worker: Worker, start?: StartRequest): Worker {
    if (start !== undefined) worker.postMessage(start);
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
    this.batches.complete(result.seq, { events: this.leaveWorker(result.seq), result });
  }

  private onWorkerDeath(reason: string): void {
    this.fruitlessStarts++;
    const restart = this.fruitlessStarts <= MAX_FRUITLESS_STARTS;
    this.config.logger.error(`formatting worker stopped (${reason}); ${restart ? 'starting it again' : 'giving up: events are counted as failed'}`);
    this.worker = restart ? this.startWorker() : undefined;
    for (const seq of [...this.atWorker.keys()]) this.batches.complete(seq, { events: this.leaveWorker(seq), lost: reason });
  }

  /** Forgets a batch the worker answered or lost; returns its number of events. */
  private leaveWorker(seq: number): number {
    const events = this.atWorker.get(seq) ?? 0;
    this.atWorker.delete(seq);
    this.eventsAtWorker -= events;
    return events;
  }

  private deliver(outcome: BatchOutcome): void {
    const listener = this.listener!;
    const result = outcome.result;
    if (result === undefined) {
      listener.failed(outcome.events, 'worker_failed', outcome.lost ?? 'unknown');
    } else {
      const documents = Buffer.from(result.documents.buffer, result.documents.byteOffset, result.documents.length);
      let idStart = 0;
      let lineStart = 0;
      for (let i = 0; i < result.idLengths.length; i++) {
        const id = result.ids.slice(idStart, (idStart += result.idLengths[i]));
        const line = documents.subarray(lineStart, (lineStart += result.documentBytes[i] + 1));
        listener.message(new EncodedMessage(id, result.categories[i], result.hostnames[i], result.times[i], line));
      }
      if (result.skipped > 0) listener.skipped(result.skipped);
      for (const failure of result.failures) listener.failed(1, 'format_error', failure);
    }
    if (this.batches.heldEvents < this.maxEventsInFlight) this.wake('roomWaiters');
    if (this.batches.pending === 0) this.wake('settleWaiters');
  }

  private wake(which: 'roomWaiters' | 'settleWaiters'): void {
    const waiters = this[which];
    if (waiters.length === 0) return;
    this[which] = [];
    for (const resolve of waiters) resolve();
  }
}

function emptyRequest(): BatchEvents {
  return { lines: [], sizes: [], namedEvents: [], namedPids: [], names: [] };
}
