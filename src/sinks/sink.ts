/**
 * The contract every output implements. A sink only maps one delivery attempt onto an outcome:
 * queueing, spilling, retrying and counting live once, in src/core/delivery.
 * A sink never loops, sleeps or queues, and turns its client library's own retries down.
 */

/** One formatted message on its way to the sinks. */
export interface OutboundMessage {
  /** Stable id (same on every retry and replay) so receivers can de-duplicate: `node:time:serial`. */
  readonly id: string;
  readonly category: string;
  readonly hostname: string;
  /** Audit time of the event, seconds since the epoch (with milliseconds). */
  readonly time: number;
  /** The MozDef JSON document, no wrapper, no newline. */
  readonly json: string;
  /** The same document as UTF-8 with its newline, when the formatter made it so (see LineFraming.lines). */
  readonly utf8Line?: Uint8Array;
}

export type SendResult =
  | { readonly status: 'delivered' }
  | { readonly status: 'retryable'; readonly retryInMillis?: number; readonly error?: Error }
  | { readonly status: 'rejected'; readonly error: Error };

export interface Sink {
  /** Name used in config (`sinks = ...`), logs and counters. */
  readonly name: string;
  /** Largest batch `send` accepts (1 = one message per attempt). */
  readonly maxBatch: number;
  /**
   * Optional: how long the chain may hold a batch smaller than maxBatch, waiting for more messages,
   * before sending it (producer "linger"). Unset or 0: send what is queued at once; under load batches
   * still grow by themselves, since messages queue while the previous send is in flight.
   */
  readonly lingerMillis?: number;
  /** Connect or open; must not throw for a peer that is down (that is a `retryable` send later). */
  start(): Promise<void>;
  /** One delivery attempt for the whole batch: all delivered, or the outcome applies to all. */
  send(batch: readonly OutboundMessage[]): Promise<SendResult>;
  /** SIGHUP: reopen files (logrotate). */
  reopen?(): Promise<void>;
  /** Close connections and files; safe to call twice and without start(). */
  shutdown(): Promise<void>;
}

export const delivered: SendResult = Object.freeze({ status: 'delivered' });
