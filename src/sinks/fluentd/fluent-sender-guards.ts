/**
 * Patches for fluent-logger 3.4.1's FluentSender, applied to each sender we create (all reproduced
 * on this machine, see test/sinks/fluentd/fluentd-sink.test.ts):
 * - when the peer resets the connection while a write is pending, the error handler sets `_socket` to
 *   null before the write callback runs, which then throws (`this._socket.once`) and kills the process;
 *   and without acks a failed write still calls back as a success. Each write's callback is wrapped:
 *   a write error fails its messages, and a callback for a socket that is no longer current is dropped
 *   (the `error` event already failed the attempt);
 * - the ack is decoded from one `data` chunk: a chunk that is not a whole msgpack value (a split ack, a
 *   peer that is not Fluentd) throws out of the listener and kills the process: the listener is wrapped;
 * - while its socket is not writable (e.g. the peer closed it just after an ack) it polls with
 *   `process.nextTick`, which starves the event loop: it polls with an unref'd 10 ms timer instead.
 */

/** The private parts of FluentSender replaced or read here. */
interface SocketLike {
  readonly writable: boolean;
  write(data: Buffer, callback: (error?: Error | null) => void): boolean;
  once(event: string, listener: (data: Buffer) => void): unknown;
  destroy(): void;
}
export interface FluentSenderInternals {
  _socket: SocketLike | null;
  _disconnect(): void;
  _waitToWrite(): void;
  _doWrite(packet: Buffer, options: object, timeoutId: unknown, callbacks: ((error?: Error) => void)[]): void;
}

export function guardSender(sender: FluentSenderInternals): void {
  guardWrites(sender);
  pollGently(sender);
}

/** Write errors fail their messages; late callbacks and bad acks cannot throw. */
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

/** Waits for a writable socket with a timer instead of a nextTick loop. */
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
