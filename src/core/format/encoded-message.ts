import type { OutboundMessage } from '../../sinks/sink';

/**
 * A message as the formatter hands it over: its document as one UTF-8 line in the batch's buffer. Line
 * outputs write those bytes as they are; the text is decoded only for a sink that asks for it.
 */
export class EncodedMessage implements OutboundMessage {
  private text: string | undefined;

  constructor(
    readonly id: string,
    readonly category: string,
    readonly hostname: string,
    readonly time: number,
    readonly utf8Line: Buffer,
  ) {}

  get json(): string {
    return (this.text ??= this.utf8Line.toString('utf8', 0, this.utf8Line.length - 1));
  }

  /** What JSON.stringify writes (spool, dead-letter file): the plain message. */
  toJSON(): OutboundMessage {
    return { id: this.id, category: this.category, hostname: this.hostname, time: this.time, json: this.json };
  }
}
