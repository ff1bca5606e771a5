import type { MessagePort } from 'node:worker_threads';
import type { AuditRecord } from '../audit/audit-record';
import { parseRecord } from '../audit/parse-record';
import type { EventFormatter } from '../mozdef/event-formatter';
import type { MozDefFormatterOptions } from '../mozdef/mozdef-formatter';

/**
 * What the main thread and the formatting worker say to each other. Events travel as their raw lines
 * (the worker parses them again: cheaper than cloning parsed records). Ids and JSON documents travel
 * back as one string and their lengths: cheaper to clone than arrays of strings.
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

/** SIGHUP: new formatter options; user names are read again. */
export interface ReloadRequest {
  readonly kind: 'reload';
  readonly options: MozDefFormatterOptions;
}

export type FormatRequest = BatchRequest | ReloadRequest;

/** The messages of a batch (skipped and failed events have none), in event order. */
export interface BatchResult {
  readonly seq: number;
  /** Each message's id then JSON document, all concatenated, and the length of each id and document. */
  readonly text: string;
  readonly idLengths: number[];
  readonly jsonLengths: number[];
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

/** Worker side: answer every batch, in order. `build` makes a formatter (again on reload). */
export function serveFormatRequests(
  port: MessagePort,
  options: MozDefFormatterOptions,
  build: (options: MozDefFormatterOptions, reload: boolean) => EventFormatter,
): void {
  let formatter = build(options, false);
  port.on('message', (request: FormatRequest) => {
    if (request.kind === 'reload') formatter = build(request.options, true);
    else port.postMessage(formatBatch(formatter, request, request.seq));
  });
}

export function formatBatch(formatter: EventFormatter, request: BatchEvents, seq = 0): BatchResult {
  // One rope for the whole batch: its pieces are copied once, when the result is cloned for the other
  // thread, and one long string clones faster than many short ones.
  let text = '';
  const result = {
    seq, text: '', idLengths: [] as number[], jsonLengths: [] as number[], categories: [] as string[],
    hostnames: [] as string[], times: [] as number[], skipped: 0, failures: [] as string[],
  };
  let line = 0;
  let named = 0;
  for (let event = 0; event < request.sizes.length; event++) {
    const records: AuditRecord[] = [];
    for (const end = line + request.sizes[event]; line < end; line++) {
      const record = parseRecord(request.lines[line]);
      if (typeof record !== 'string') records.push(record);
    }
    let processNames: Map<number, string> | undefined;
    for (; request.namedEvents[named] === event; named++) (processNames ??= new Map()).set(request.namedPids[named], request.names[named]);
    try {
      const first = records[0];
      const message = formatter.format({ node: first.node, time: first.time, serial: first.serial, records, processNames });
      if (message === undefined) {
        result.skipped++;
        continue;
      }
      text += message.id + message.json;
      result.idLengths.push(message.id.length);
      result.jsonLengths.push(message.json.length);
      result.categories.push(message.category);
      result.hostnames.push(message.hostname);
      result.times.push(message.time);
    } catch (error) {
      result.failures.push((error as Error).message);
    }
  }
  result.text = text;
  return result;
}
