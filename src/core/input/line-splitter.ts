/**
 * Splits a text stream into lines without holding more than one line. A line longer than `maxLength`
 * is cut to its first `maxLength` characters (reported through `onCut`) and the rest skipped up to
 * the next newline, so a 1 MB line costs 64 KiB, not 1 MB, and never crashes.
 */
export class LineSplitter {
  private pending = '';
  private cutting = false;

  constructor(
    private readonly maxLength: number,
    private readonly onLine: (line: string) => void,
    private readonly onCut: () => void,
  ) {}

  push(chunk: string): void {
    let start = 0;
    let newline = chunk.indexOf('\n');
    if (this.pending !== '' || this.cutting) {
      if (newline < 0) {
        this.append(chunk);
        return;
      }
      this.append(chunk.slice(0, newline));
      this.endPending();
      start = newline + 1;
      newline = chunk.indexOf('\n', start);
    }
    while (newline >= 0) {
      if (newline - start > this.maxLength) {
        this.onCut();
        this.onLine(chunk.slice(start, start + this.maxLength));
      } else {
        this.onLine(chunk.slice(start, newline));
      }
      start = newline + 1;
      newline = chunk.indexOf('\n', start);
    }
    if (start < chunk.length) this.append(chunk.slice(start));
  }

  /** End of input: a last line without a newline still counts. */
  end(): void {
    if (this.pending !== '' || this.cutting) this.endPending();
  }

  private append(part: string): void {
    if (this.cutting) return;
    if (this.pending.length + part.length > this.maxLength) {
      this.pending += part.slice(0, this.maxLength - this.pending.length);
      this.cutting = true;
    } else {
      this.pending += part;
    }
  }

  private endPending(): void {
    const line = this.pending;
    if (this.cutting) this.onCut();
    this.pending = '';
    this.cutting = false;
    this.onLine(line);
  }
}
