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

  /** The same line as parts, for a batch that is joined once. */
  push(parts: string[], json: string): void {
    if (this.prepend !== '') parts.push(this.prepend);
    parts.push(json);
    if (this.postpend !== '') parts.push(this.postpend);
    parts.push('\n');
  }
}
