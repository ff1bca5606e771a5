import type { TlsOptions } from 'node:tls';
import type { Logger } from '../../core/log/logger';

/**
 * One fluent-logger 3.4.1 sender, i.e. one connection, used until its first failure and then thrown
 * away. Its quirks (checked on this machine) decide the shape of this file:
 * - connection, TLS and handshake errors reach only the `error` event, never the per-message callback;
 *   a socket that dies while an ack is awaited leaves the sender stuck (`_flushingSendQueue` stays set),
 *   so a sender that failed once is never reused: a new attempt gets a new sender;
 * - its reconnect timer is not unref'd: `enableReconnect: false`, our delivery chain retries instead;
 * - `emit(tag, data, undefined, cb)` drops `cb`: the time is always passed (an EventTime);
 * - when the peer resets the connection while a write is pending, the error handler sets `_socket` to
 *   null before the write callback runs, which then throws (`this._socket.once`) and kills the process
 *   (reproduced here); and without acks a failed write still calls back as a success. Each write's
 *   callback is therefore wrapped: a write error fails its messages, and a callback for a socket that
 *   is no longer current is dropped (the error event already failed the attempt); the ack is decoded
 *   from one `data` chunk, and a chunk that is not a whole msgpack value (a split ack, a peer that is
 *   not Fluentd) throws out of the listener and kills the process: that listener is wrapped too;
 * - while its socket is not writable (e.g. the peer closed it just after an ack) it polls with
 *   `process.nextTick`, which starves the event loop: it polls with an unref'd 10 ms timer instead.
 */
interface FluentSenderLike {
  emit(label: string, data: object, time: object, callback: (error?: Error) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  removeListener(event: 'error', listener: (error: Error) => void): void;
  end(): void;
}
/** The private parts of FluentSender replaced or read here (fluent-logger 3.4.1). */
interface SocketLike {
  readonly writable: boolean;
  write(data: Buffer, callback: (error?: Error | null) => void): boolean;
  once(event: string, listener: (data: Buffer) => void): unknown;
  destroy(): void;
}
interface FluentSenderInternals {
  _socket: SocketLike | null;
  _disconnect(): void;
  _waitToWrite(): void;
  _doWrite(packet: Buffer, options: object, timeoutId: unknown, callbacks: ((error?: Error) => void)[]): void;
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
    guardWrites(this.sender as unknown as FluentSenderInternals);
    pollGently(this.sender as unknown as FluentSenderInternals);
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

/** See the last but one point at the top of this file. */
function guardWrites(sender: FluentSenderInternals): void {
  const doWrite = sender._doWrite;
  sender._doWrite = function (this: FluentSenderInternals, packet, options, timeoutId, callbacks) {
    const socket = this._socket;
    if (socket === null) return;
    const write = socket.write;
    socket.write = (data, callback) => {
      socket.write = write;
      return write.call(socket, data, (error) => {
        if (error) return callbacks.forEach((fail) => fail?.(error));
        if (this._socket !== socket) return;
        const once = socket.once;
        socket.once = (event, listener) => once.call(socket, event, (chunk: Buffer) => {
          try {
            listener(chunk);
          } catch (thrown) {
            socket.destroy();
            callbacks.forEach((fail) => fail?.(new Error(`invalid acknowledgement from fluentd: ${(thrown as Error).message}`)));
          }
        });
        try {
          callback(error);
        } finally {
          socket.once = once;
        }
      });
    };
    doWrite.call(this, packet, options, timeoutId, callbacks);
  };
}

/** See the last point at the top of this file. */
function pollGently(sender: FluentSenderInternals): void {
  const waitToWrite = sender._waitToWrite;
  sender._waitToWrite = function (this: FluentSenderInternals) {
    if (this._socket !== null && !this._socket.writable) {
      setTimeout(() => this._waitToWrite(), 10).unref();
      return;
    }
    waitToWrite.call(this);
  };
}
