import { isAscii } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';

/**
 * UTF-8 bytes of the feed to text, chunk by chunk. Audit feeds are nearly all ASCII: such a chunk is
 * read as latin1 (a byte per character, 3-4x faster than UTF-8 decoding). Other chunks go through a
 * StringDecoder, which keeps a character cut by the chunk's end for the next chunk.
 */
export class FeedTextDecoder {
  private readonly utf8 = new StringDecoder('utf8');
  /** The decoder holds no piece of a character: true unless the last chunk it read ended in a non-ASCII byte. */
  private clean = true;

  write(chunk: Uint8Array): string {
    if (this.clean && isAscii(chunk)) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
    this.clean = chunk.length === 0 ? this.clean : chunk[chunk.length - 1] < 0x80;
    return this.utf8.write(chunk);
  }

  end(): string {
    this.clean = true;
    return this.utf8.end();
  }
}
