/**
 * A batch's documents as UTF-8 lines in one buffer, each written as soon as it is made: the string is
 * flattened and encoded once, while it is in the cache, with no batch-wide string to build, measure
 * and encode again. The buffer is its own (not pooled), so it can be moved to another thread.
 */
export class Utf8Documents {
  private bytes: Buffer;
  private used = 0;
  /** Byte length of each document, newline not counted. */
  readonly lengths: number[] = [];

  constructor(expectedBytes: number) {
    this.bytes = Buffer.allocUnsafeSlow(Math.max(expectedBytes, 4096));
  }

  /** Appends `document` and a newline. */
  add(document: string): void {
    // A UTF-16 unit takes at most 3 bytes (a surrogate pair: 4 for 2 units).
    const room = document.length * 3 + 1;
    if (this.used + room > this.bytes.length) this.grow(room);
    const written = this.bytes.write(document, this.used, 'utf8');
    this.bytes[this.used + written] = 10;
    this.used += written + 1;
    this.lengths.push(written);
  }

  /** The lines written so far. */
  content(): Buffer {
    return this.bytes.subarray(0, this.used);
  }

  private grow(room: number): void {
    const bigger = Buffer.allocUnsafeSlow(Math.max(this.bytes.length * 2, this.used + room));
    this.bytes.copy(bigger, 0, 0, this.used);
    this.bytes = bigger;
  }
}
