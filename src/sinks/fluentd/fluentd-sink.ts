import fs from 'node:fs';
import os from 'node:os';
import type { TlsOptions } from 'node:tls';
import type { Logger } from '../../core/log/logger';
import type { OutboundMessage, SendResult, Sink } from '../sink';
import { delivered } from '../sink';
import { eventTime, FluentConnection, type FluentConnectionOptions } from './fluent-connection';
import type { FluentdSinkConfig } from './fluentd-sink-config';
import { fluentdTag } from './fluentd-tag';

/** Messages per attempt: with acks they travel as one PackedForward packet (one ack) per tag. */
export const FLUENTD_MAX_BATCH = 100;

/**
 * Sends MozDef documents to Fluentd's in_forward. One attempt per `send`, bounded by fluentd_timeout:
 * `delivered` means acknowledged (or, with acks off, written to the socket); anything else is
 * `retryable` and the connection is dropped, so the next attempt starts clean.
 */
export class FluentdSink implements Sink {
  readonly name = 'fluentd';
  readonly maxBatch = FLUENTD_MAX_BATCH;
  private readonly options: FluentConnectionOptions;
  private connection: FluentConnection | undefined;
  private closed = false;

  constructor(
    private readonly config: FluentdSinkConfig,
    private readonly logger: Logger,
    clientHostname: string = os.hostname(),
  ) {
    this.options = {
      host: config.fluentd_host ?? '127.0.0.1',
      port: config.fluentd_port,
      requireAck: config.fluentd_require_ack,
      timeoutMs: config.fluentd_timeout * 1000,
      tls: config.fluentd_tls ? tlsOptions(config) : undefined,
      security: config.fluentd_shared_key === undefined ? undefined : {
        clientHostname,
        sharedKey: config.fluentd_shared_key,
        username: config.fluentd_username ?? '',
        password: config.fluentd_password ?? '',
      },
    };
  }

  async start(): Promise<void> {
    // The first send connects; a peer that is down is a retryable send.
  }

  async send(batch: readonly OutboundMessage[]): Promise<SendResult> {
    if (this.closed) return { status: 'retryable', error: new Error('fluentd sink is shut down') };
    // The record is the MozDef document itself, parsed from the exact text every other sink sends
    // (already escaped and cut by the formatter), so Fluentd stores the same fields.
    const entries: { tag: string; record: object; time: object }[] = [];
    for (const message of batch) {
      let record: unknown;
      try {
        record = JSON.parse(message.json);
      } catch (error) {
        return { status: 'rejected', error: new Error(`message ${message.id} is not JSON: ${(error as Error).message}`) };
      }
      if (typeof record !== 'object' || record === null || Array.isArray(record)) {
        return { status: 'rejected', error: new Error(`message ${message.id} is not a JSON object`) };
      }
      const tag = fluentdTag(this.config.fluentd_tag, this.config.fluentd_tag_by_category, message.category);
      entries.push({ tag, record, time: eventTime(message.time) });
    }
    // A connection that failed once is never reused (see fluent-connection.ts).
    if (!this.connection?.usable) {
      this.connection?.close();
      this.connection = new FluentConnection(this.options, this.logger);
    }
    const connection = this.connection;
    const result = await attempt(connection, entries, this.options.timeoutMs);
    if (result.status !== 'delivered') connection.close();
    return result;
  }

  async shutdown(): Promise<void> {
    this.closed = true;
    this.connection?.close();
    this.connection = undefined;
  }
}

function attempt(connection: FluentConnection, entries: readonly { tag: string; record: object; time: object }[], timeoutMs: number): Promise<SendResult> {
  return new Promise((resolve) => {
    let pending = entries.length;
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stopListening();
      resolve(result);
    };
    // Connection, TLS and handshake errors arrive only here, never in the per-message callbacks.
    const stopListening = connection.onError((error) => finish({ status: 'retryable', error }));
    const timer = setTimeout(() => finish({
      status: 'retryable',
      error: new Error(`no acknowledgement from fluentd within ${timeoutMs} ms`),
    }), timeoutMs);
    if (pending === 0) finish(delivered);
    for (const entry of entries) {
      connection.emit(entry.tag, entry.record, entry.time, (error) => {
        if (error) finish({ status: 'retryable', error });
        // Without acks the library calls back even for a failed write: a connection error seen up to
        // the next turn of the event loop makes the attempt retryable.
        else if (--pending === 0) setImmediate(() => finish(connection.usable ? delivered : { status: 'retryable', error: new Error('fluentd connection failed during the write') }));
      });
    }
  });
}

function tlsOptions(config: FluentdSinkConfig): TlsOptions {
  // Files are read here, so that a missing CA or key fails at start (or SIGHUP reload), not every send.
  const read = (file: string | undefined) => (file === undefined ? undefined : fs.readFileSync(file));
  return { ca: read(config.fluentd_tls_ca), cert: read(config.fluentd_tls_cert), key: read(config.fluentd_tls_key) };
}
