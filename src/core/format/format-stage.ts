import type { AuditEvent } from '../audit/audit-event';
import type { OutboundMessage } from '../../sinks/sink';

/** What comes out of formatting, in event order. */
export interface FormatListener {
  message(message: OutboundMessage): void;
  /** Events skipped on purpose (`ignore_empty_execve`). */
  skipped(count: number): void;
  /** Events lost because formatting failed; `reason` names why, for the counter and the log. */
  failed(count: number, reason: string, detail: string): void;
}

/**
 * Finished events → MozDef JSON. The app runs it on a worker thread (WorkerFormatStage) so that
 * reading and correlating overlap with formatting; tests of the pipeline run it inline.
 */
export interface FormatStage {
  connect(listener: FormatListener): void;
  submit(event: AuditEvent): void;
  /** Hand over what is batched now: end of an input chunk, an idle tick, end of input. */
  flush(): void;
  /** Resolves once there is room for more events; undefined when there is room now. */
  room(): Promise<void> | undefined;
  /** Resolves once every submitted event has come out. */
  settle(): Promise<void>;
  close(): Promise<void>;
}
