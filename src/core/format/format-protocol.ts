import type { MessagePort } from 'node:worker_threads';
import type { AuditRecord } from '../audit/audit-record';
import { parseRecord } from '../audit/parse-record';
import type { EventFormatter } from '../mozdef/event-formatter';
import type { MozDefFormatterOptions } from '../mozdef/mozdef-formatter';
import { Utf8Documents } from './utf8-documents';

/**
 * What the main thread and the formatting worker say to each other. Events travel as their raw lines
 * (the worker parses them again: cheaper than cloning parsed records) with the process names resolved
 * for them. Ids travel back as one string and their lengths (cheaper to clone than an array of
 * strings), the JSON documents as UTF-8 in a buffer that is moved, not copied.
 */
export interface BatchRequest extends BatchEvents {
  readonly kind: 'batch';
  readonly seq: number;
}

/** The events of a batch, as they cross to the worker. */
export interface BatchEvents {
  /** Every record line of the batch's events, event after event. */
  readonly lines: string[];
  /** Number of lines of each event. */
  readonly sizes: number[];
  /** The events' process names (AuditEvent.processNames): event index, pid and name of each, in event order. */
  readonly namedEvents: number[];
  readonly namedPids: number[];
  readonly names: string[];
}

/** The options of a worker started before they were known (EarlyFormatWorker). */
export interface StartRequest {
  readonly kind: 'start';
  readonly options: MozDefFormatterOptions;
}

/** SIGHUP: new formatter options; user names are read again. */
export interface ReloadRequest {
  readonly kind: 'reload';
  readonly options: MozDefFormatterOptions;
}

export type FormatRequest = StartRequest | BatchRequest | ReloadRequest;

/** The messages of a batch (skipped and failed events have none), in event order. */
export interface BatchResult {
  readonly seq: number;
  /** Each message's id, all concatenated, and the length of each. */
  readonly ids: string;
  readonly idLengths: number[];
  /**
   * Each message's JSON document as UTF-8 and a newline, all concatenated, and the byte length of each
   * document (newline not counted). Its buffer is moved to the other thread, not copied.
   */
  readonly documents: Uint8Array;
  readonly documentBytes: number[];
  readonly categories: string[];
  readonly hostnames: string[];
  readonly times: number[];
  readonly skipped: number;
  /** One message per event whose formatting threw. */
  readonly failures: string[];
}

export interface FormatWorkerData {
  readonly options: MozDefFormatterOptions;
}

/**
 * Worker side: answer every batch, in order. `build` makes a formatter (again on reload). Without
 * `options` (an early worker), they come in a `start` request before the first batch.
 */
export function serveFormatRequests(
  port: MessagePort,
  options: MozDefFormatterOptions | undefined,
  build: (options: MozDefFormatterOptions, reload: boolean) => EventFormatter,
): void {
  let formatter = options === undefined ? undefined : build(options, false);
  port.on('message', (request: FormatRequest) => {
    if (request.kind === 'start') formatter = build(request.options, false);
    else if (request.kind === 'reload') formatter = build(request.options, true);
    else {
      // Thrown, the worker stops: its stage counts the batch lost and starts another with options.
      if (formatter === undefined) throw new Error('a batch came before the formatter options');
      const result = formatBatch(formatter, request, request.seq);
      port.postMessage(result, [result.documents.buffer as ArrayBuffer]);
    }
  });
}

/**
 * Formats a batch's events. `records`, when the batch never left this thread: its lines' records as
 * they were parsed for correlation, so the lines need not be parsed again.
 */
export function formatBatch(formatter: EventFormatter, request: BatchEvents, seq = 0, records?: readonly AuditRecord[]): BatchResult {
  let ids = '';
  const idLengths: number[] = [];
  const documents = new Utf8Documents(expectedBytes(request.lines));
  const categories: string[] = [];
  const hostnames: string[] = [];
  const times: number[] = [];
  const failures: string[] = [];
  let skipped = 0;
  let line = 0;
  let named = 0;
  for (let event = 0; event < request.sizes.length; event++) {
    const eventRecords: AuditRecord[] = [];
    for (const end = line + request.sizes[event]; line < end; line++) {
      const record = records !== undefined ? records[line] : parseRecord(request.lines[line]);
      if (typeof record !== 'string') eventRecords.push(record);
    }
    let processNames: Map<number, string> | undefined;
    for (; request.namedEvents[named] === event; named++) (processNames ??= new Map()).set(request.namedPids[named], request.names[named]);
    try {
      const first = eventRecords[0];
      const message = formatter.format({ node: first.node, time: first.time, serial: first.serial, records: eventRecords, processNames });
      if (message === undefined) {
        skipped++;
        continue;
      }
      documents.add(message.json);
      // Made flat now, while its pieces are in the cache: flattening the batch's rope of ids at the
      // end costs a cache miss per piece.
      message.id.charCodeAt(0);
      ids += message.id;
      idLengths.push(message.id.length);
      categories.push(message.category);
      hostnames.push(message.hostname);
      times.push(message.time);
    } catch (error) {
      failures.push((error as Error).message);
    }
  }
  return {
    seq, ids, idLengths, documents: documents.content(), documentBytes: documents.lengths, categories, hostnames, times, skipped, failures,
  };
}

/** The documents of a batch take about as many bytes as the record lines they come from. */
function expectedBytes(lines: readonly string[]): number {
  let total = 0;
  for (const line of lines) total += line.length;
  return total;
}
