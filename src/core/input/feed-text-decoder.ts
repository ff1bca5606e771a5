import { isAscii } from 'node:buffer';
import { cutCharacterStart, losslessUtf8 } from './lossless-utf8';

/**
 * UTF-8 bytes of the feed to text, chunk by chunk. Audit feeds are nearly all ASCII: such a chunk is
 * read as latin1 (a byte per character, 3-4x faster than UTF-8 decoding). Other chunks are decoded
 * with the bytes that are not UTF-8 kept as `\xNN` (losslessUtf8); a character cut by a chunk's end
 * waits for the rest of it in the next chunk.
 */
export class FeedTextDecoder {
  /** The first bytes of a character that the last chunk cut short. */
  private cut: Uint8Array | undefined;

  write(chunk: Uint8Array): string {
    const cut = this.cut;
    if (cut === undefined && isAscii(chunk)) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
    const bytes = cut === undefined ? chunk : Buffer.concat([cut, chunk]);
    const end = cutCharacterStart(bytes);
    // A copy: the chunk's buffer may be reused once this returns.
    this.cut = end < bytes.length ? Buffer.from(bytes.subarray(end)) : undefined;
    return losslessUtf8(bytes.subarray(0, end));
  }

  /** End of the feed: a character still cut short never came whole; its bytes are kept as `\xNN`. */
  end(): string {
    const cut = this.cut;
    this.cut = undefined;
    return cut === undefined ? '' : losslessUtf8(cut);
  }
}
