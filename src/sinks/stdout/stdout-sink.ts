import type { Writable } from 'node:stream';
import type { LineFraming } from '../../core/mozdef/line-framing';
import { delivered, type OutboundMessage, type SendResult, type Sink } from '../sink';

/** Framed lines on standard output (the bundled example, pipes into other tools). */
export class StdoutSink implements Sink {
  readonly name = 'stdout';
  readonly maxBatch = 512;

  constructor(
    private readonly framing: LineFraming,
    private readonly out: Writable = process.stdout,
  ) {}

  async start(): Promise<void> {}

  send(batch: readonly OutboundMessage[]): Promise<SendResult> {
    const pieces = this.framing.lines(batch);
    const text = pieces.length === 1 ? pieces[0] : Buffer.concat(pieces);
    return new Promise((resolve) => {
      // The callback fires once the data is handed to the OS, so back-pressure reaches the chain.
      this.out.write(text, (error) => {
        if (!error) resolve(delivered);
        else if ((error as NodeJS.ErrnoException).code === 'EPIPE') resolve({ status: 'rejected', error });
        else resolve({ status: 'retryable', error });
      });
    });
  }

  async shutdown(): Promise<void> {}
}
