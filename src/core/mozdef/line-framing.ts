import type { OutboundMessage } from '../../sinks/sink';

/** prepend_msg / postpend_msg around each message on line outputs (the original's wrapper feature). */
export class LineFraming {
  private readonly prependBytes: Buffer;
  private readonly postpendLine: Buffer;

  constructor(
    readonly prepend: string,
    readonly postpend: string,
  ) {
    this.prependBytes = Buffer.from(prepend);
    this.postpendLine = Buffer.from(`${postpend}\n`);
  }

  /** The bytes of one output line, newline included. */
  frame(json: string): string {
    return `${this.prepend}${json}${this.postpend}\n`;
  }

  /**
   * A batch's output lines as byte pieces for one vectored write. The formatter lays its documents
   * out one after the other, each with its newline: without a wrapper, such neighbours go as one
   * piece. Messages that are only text (a spool replay) are encoded together.
   */
  lines(batch: readonly OutboundMessage[]): Uint8Array[] {
    const pieces: Uint8Array[] = [];
    const bare = this.prepend === '' && this.postpend === '';
    let run: Uint8Array | undefined;
    let text = '';
    const flush = (): void => {
      if (run !== undefined) pieces.push(run);
      if (text !== '') pieces.push(Buffer.from(text));
      run = undefined;
      text = '';
    };
    for (const message of batch) {
      const line = message.utf8Line;
      if (line === undefined) {
        if (run !== undefined) flush();
        text += this.frame(message.json);
      } else if (!bare) {
        flush();
        pieces.push(this.prependBytes, line.subarray(0, line.length - 1), this.postpendLine);
      } else if (run !== undefined && run.buffer === line.buffer && run.byteOffset + run.length === line.byteOffset) {
        run = new Uint8Array(run.buffer, run.byteOffset, run.length + line.length);
      } else {
        flush();
        run = line;
      }
    }
    flush();
    return pieces;
  }
}
