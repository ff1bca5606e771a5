import type { TlsOptions } from 'node:tls';
import type { Logger } from '../../core/log/logger';
import { guardSender, type FluentSenderInternals } from './fluent-sender-guards';

/**
 * One fluent-logger 3.4.1 sender, i.e. one connection, used until its first failure and then thrown
 * away. Its quirks (checked on this machine) decide the shape of this file:
 * - connection, TLS and handshake errors reach only the `error` event, never the per-message callback;
 *   a socket that dies while an ack is awaited leaves the sender stuck (`_flushingSendQueue` stays set),
 *   so a sender that failed once is never reused: a new attempt gets a new sender;
 * - its reconnect timer is not unref'd: `enableReconnect: false`, our delivery chain retries instead;
 * - `emit(tag, data, undefined, cb)` drops `cb`: the time is always passed (an EventTime);
 * - three bugs that kill or stall the process are patched on each sender (fluent-sender-guards.ts).
 */
interface FluentSenderLike {
  emit(label: string, data: object, time: object, callback: (error?: Error) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  removeListener(event: 'error', listener: (error: Error) => void): void;
}
interface EventTimeClass { new (epoch: number, nano: number): object }

// eslint-disable-next-line @typescript-eslint/no-require-imports
const fluentLogger = require('fluent-logger') as {
  createFluentSender(tagPrefix: string, options: object): FluentSenderLike;
  EventTime: EventTimeClass;
};

export interface FluentConnectionOptions {
  readonly host: string;
  readonly port: number;
  readonly requireAck: boolean;
  /** Milliseconds: also the library's own ack timeout, so that its timer ends with our attempt. */
  readonly timeoutMs: number;
  readonly tls?: TlsOptions;
  readonly security?: { clientHostname: string; sharedKey: string; username: string; password: string };
}

/** Seconds since the epoch (with a fraction) as the forward protocol's EventTime, to the microsecond. */
export function eventTime(seconds: number): object {
  let epoch = Math.floor(seconds);
  let micros = Math.round((seconds - epoch) * 1e6);
  if (micros >= 1e6) { epoch += 1; micros -= 1e6; }
  return new fluentLogger.EventTime(epoch, micros * 1000);
}

export class FluentConnection {
  private readonly sender: FluentSenderLike;
  private failure: Error | undefined;
  private closed = false;

  constructor(options: FluentConnectionOptions, logger: Logger) {
    this.sender = fluentLogger.createFluentSender('', {
      host: options.host,
      port: options.port,
      // With acks: PackedForward, one packet and one ack per tag for the whole batch. Without: Message
      // mode, because PackedForward always asks for an ack that nobody would then read.
      eventMode: options.requireAck ? 'PackedForward' : 'Message',
      // PackedForward waits flushInterval ms (0 means 100) before writing unless the queued bytes reach
      // sendQueueSizeLimit: a limit of 1 byte writes at once. A batch is emitted in one synchronous loop
      // and the write waits for the next tick, so it still leaves as one packet per tag.
      flushInterval: 1,
      sendQueueSizeLimit: 1,
      requireAckResponse: options.requireAck,
      ackResponseTimeout: options.timeoutMs,
      enableReconnect: false,
      tls: options.tls !== undefined,
      tlsOptions: options.tls,
      security: options.security,
      internalLogger: {
        info: (message: unknown) => logger.debug(`fluentd: ${String(message)}`),
        error: (message: unknown, error?: unknown) => logger.warn(`fluentd: ${String(message)}${error ? `: ${String(error)}` : ''}`),
      },
    });
    guardSender(this.sender as unknown as FluentSenderInternals);
    // Errors between attempts (the peer closed an idle connection) also make the connection unusable.
    this.sender.on('error', (error) => { this.failure ??= error; });
  }

  /** False once anything failed: the sender may be stuck, and its socket is gone. */
  get usable(): boolean {
    return this.failure === undefined && !this.closed;
  }

  emit(tag: string, record: object, time: object, callback: (error?: Error) => void): void {
    this.sender.emit(tag, record, time, callback);
  }

  onError(listener: (error: Error) => void): () => void {
    this.sender.on('error', listener);
    return () => this.sender.removeListener('error', listener);
  }

  /** Destroys the socket at once (end() would wait for a peer that may be gone). */
  close(): void {
    this.closed = true;
    (this.sender as unknown as FluentSenderInternals)._disconnect();
  }
}
