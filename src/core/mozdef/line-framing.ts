/** prepend_msg / postpend_msg around each message on line outputs (the original's wrapper feature). */
export class LineFraming {
  constructor(
    readonly prepend: string,
    readonly postpend: string,
  ) {}

  /** The bytes of one output line, newline included. */
  frame(json: string): string {
    return `${this.prepend}${json}${this.postpend}\n`;
  }
}
