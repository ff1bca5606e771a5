import { endianness } from 'node:os';
import type { Stats } from '../stats/stats';
import { losslessUtf8 } from './lossless-utf8';
import { recordTypeName } from './record-type-names';

/**
 * auditd's binary plugin feed (`format = binary`): frames of `struct audit_dispatcher_header`
 * (four host-endian uint32: ver, hlen, type, size) followed by the record text.
 *
 * Checked on Debian 12's auditd 3.0.9 (test/fixtures/binary-feed/README.md): `ver` is 1
 * (AUDISP_PROTOCOL_VER2: the text is preformatted, `type=SYSCALL msg=audit(...): ...`, with the
 * ENRICHED tail, no newline), `hlen` 16, and every frame is PADDED: auditd writes the whole
 * 8970-byte data buffer whatever `size` says, and the padding is stale heap memory, not zeros.
 * Newer auditd writes only `size` bytes. So the stride is learnt from the feed: after a frame, the
 * next header is either right after the text (compact) or after the full buffer (padded).
 * Protocol version 0 text starts at `audit(...)`; it gets `type=NAME msg=` put in front.
 */

export const HEADER_SIZE = 16;
/** MAX_AUDIT_MESSAGE_LENGTH in libaudit.h: the data buffer of every frame in auditd 3.0.x. */
export const MAX_AUDIT_MESSAGE_LENGTH = 8970;
const MIN_TYPE = 1000;
const MAX_TYPE = 2999;

export type Endianness = 'LE' | 'BE';
type Stride = 'unknown' | 'compact' | 'padded';

export interface BinaryFrame {
  readonly version: number;
  readonly type: number;
  /** The record as a string-feed line (no newline). */
  readonly text: string;
}

export interface BinaryFrameDecoderOptions {
  readonly endianness?: Endianness;
  /** Counters go to `scope` (default `input`): `binary.frames`, `binary.garbage_bytes`, `binary.resyncs`, `binary.truncated_bytes`. */
  readonly stats?: Stats;
  readonly scope?: string;
}

interface Header {
  readonly version: number;
  readonly hlen: number;
  readonly type: number;
  readonly size: number;
}

export class BinaryFrameDecoder {
  private readonly le: boolean;
  private readonly stats: Stats | undefined;
  private readonly scope: string;
  private buf: Buffer = Buffer.alloc(0);
  private stride: Stride = 'unknown';
  /** Where the previous frame's text ended and where its full buffer ends, relative to `buf`. */
  private next: { compact: number; padded: number } | undefined;
  private resyncing = false;
  /** Set by end(): no more bytes will come to settle the stride. */
  private ending = false;

  constructor(options: BinaryFrameDecoderOptions = {}) {
    this.le = (options.endianness ?? endianness()) === 'LE';
    this.stats = options.stats;
    this.scope = options.scope ?? 'input';
  }

  /** Feeds a chunk; returns the frames completed by it. Never throws on bad input: it counts it. */
  push(chunk: Uint8Array): BinaryFrame[] {
    this.buf = this.buf.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buf, chunk]);
    const frames: BinaryFrame[] = [];
    let pos = 0;
    for (;;) {
      const start = this.frameStart(pos);
      if (start === undefined) break;
      pos = start;
      const header = this.readHeader(pos);
      if (header === undefined || !isValidHeader(header)) {
        // Not a frame: skip one byte and look for the next plausible header.
        if (!this.resyncing) this.count('binary.resyncs');
        this.resyncing = true;
        this.count('binary.garbage_bytes');
        pos += 1;
        continue;
      }
      if (this.buf.length - pos < header.hlen + header.size) break;
      this.resyncing = false;
      const textStart = pos + header.hlen;
      frames.push(this.toFrame(header, this.buf.subarray(textStart, textStart + header.size)));
      this.count('binary.frames');
      this.next = { compact: textStart + header.size, padded: textStart + MAX_AUDIT_MESSAGE_LENGTH };
      pos = this.next.compact;
    }
    this.buf = this.buf.subarray(pos);
    if (this.next) this.next = { compact: this.next.compact - pos, padded: this.next.padded - pos };
    return frames;
  }

  /**
   * End of input: returns the frames still decodable, counts what is left of an unfinished frame
   * (the padding of the last frame is not counted).
   */
  end(): BinaryFrame[] {
    this.ending = true;
    const frames = this.push(new Uint8Array(0));
    const next = this.next;
    const used = next === undefined ? 0 : this.stride === 'compact' ? next.compact : Math.min(next.padded, this.buf.length);
    const rest = this.buf.length - used;
    if (rest > 0) this.count('binary.truncated_bytes', rest);
    this.buf = Buffer.alloc(0);
    this.next = undefined;
    this.ending = false;
    return frames;
  }

  /**
   * Where the next header starts, or undefined when more bytes are needed to tell. `pos` is the end
   * of the previous frame's text (or a resync position).
   */
  private frameStart(pos: number): number | undefined {
    const next = this.next;
    if (next === undefined || this.resyncing || pos !== next.compact) {
      return this.buf.length - pos >= HEADER_SIZE ? pos : undefined;
    }
    if (this.stride === 'compact' || next.compact === next.padded) return this.available(next.compact);
    if (this.stride === 'padded') return this.available(next.padded);
    // Stride unknown: a valid header right after the text means compact; else try the padded place.
    const compact = this.readHeader(next.compact);
    if (compact === undefined) return undefined;
    if (isValidHeader(compact)) return this.learn('compact', next.compact);
    const padded = this.readHeader(next.padded);
    if (padded === undefined && !this.ending) return undefined;
    if (padded !== undefined && isValidHeader(padded)) return this.learn('padded', next.padded);
    this.next = undefined; // neither: garbage, resync from right after the text
    return next.compact;
  }

  private learn(stride: Stride, at: number): number {
    this.stride = stride;
    this.next = undefined;
    return at;
  }

  private available(at: number): number | undefined {
    if (this.buf.length - at < HEADER_SIZE) return undefined;
    this.next = undefined;
    return at;
  }

  private readHeader(at: number): Header | undefined {
    if (this.buf.length - at < HEADER_SIZE) return undefined;
    const b = this.buf;
    const u32 = (o: number): number => (this.le ? b.readUInt32LE(at + o) : b.readUInt32BE(at + o));
    return { version: u32(0), hlen: u32(4), type: u32(8), size: u32(12) };
  }

  private toFrame(header: Header, data: Buffer): BinaryFrame {
    let end = data.length;
    while (end > 0 && (data[end - 1] === 0 || data[end - 1] === 0x0a)) end -= 1;
    // auditd turns newlines inside a record into spaces for string plugins: do the same.
    let text = losslessUtf8(data.subarray(0, end)).replace(/\n/g, ' ');
    if (header.version === 0) text = `type=${recordTypeName(header.type)} msg=${text}`;
    return { version: header.version, type: header.type, text };
  }

  private count(name: string, n = 1): void {
    this.stats?.count(this.scope, name, n);
  }
}

function isValidHeader(h: Header): boolean {
  return (
    (h.version === 0 || h.version === 1) &&
    h.hlen === HEADER_SIZE &&
    h.type >= MIN_TYPE &&
    h.type <= MAX_TYPE &&
    h.size <= MAX_AUDIT_MESSAGE_LENGTH
  );
}

export type FeedFormat = 'binary' | 'string';

/**
 * Tells the feed format from its first bytes: a string feed starts with `type=` or `node=`, a binary
 * one with a dispatcher header. `undefined` while fewer than 8 bytes have arrived.
 */
export function detectFeedFormat(head: Uint8Array, order: Endianness = endianness()): FeedFormat | undefined {
  if (head.length >= 5) {
    const word = Buffer.from(head.subarray(0, 5)).toString('latin1');
    if (word === 'type=' || word === 'node=') return 'string';
  }
  if (head.length < 8) return undefined;
  const b = Buffer.from(head.buffer, head.byteOffset, 8);
  const version = order === 'LE' ? b.readUInt32LE(0) : b.readUInt32BE(0);
  const hlen = order === 'LE' ? b.readUInt32LE(4) : b.readUInt32BE(4);
  return (version === 0 || version === 1) && hlen === HEADER_SIZE ? 'binary' : 'string';
}

/** Record lines from a binary feed, e.g. `binaryFeedLines(process.stdin)`. */
export async function* binaryFeedLines(
  source: AsyncIterable<Uint8Array>,
  options: BinaryFrameDecoderOptions = {},
): AsyncGenerator<string> {
  const decoder = new BinaryFrameDecoder(options);
  for await (const chunk of source) {
    for (const frame of decoder.push(chunk)) yield frame.text;
  }
  for (const frame of decoder.end()) yield frame.text;
}

/**
 * Reads just enough of `source` to tell its format, and gives back the whole stream (nothing lost).
 * Use when the stanza's `args` do not say the format.
 */
export async function sniffFeedFormat(
  source: AsyncIterable<Uint8Array>,
): Promise<{ format: FeedFormat; chunks: AsyncIterable<Uint8Array> }> {
  const iterator = source[Symbol.asyncIterator]();
  const seen: Uint8Array[] = [];
  let head = Buffer.alloc(0);
  let format: FeedFormat | undefined;
  let done = false;
  while (format === undefined) {
    const r = await iterator.next();
    if (r.done) {
      done = true;
      break;
    }
    seen.push(r.value);
    head = Buffer.concat([head, r.value]);
    format = detectFeedFormat(head);
  }
  async function* replay(): AsyncGenerator<Uint8Array> {
    try {
      yield* seen;
      if (done) return;
      for (let r = await iterator.next(); !r.done; r = await iterator.next()) yield r.value;
    } finally {
      // Ended early (a failure downstream): the source is closed all the same (an --input file's descriptor).
      await iterator.return?.();
    }
  }
  return { format: format ?? 'string', chunks: replay() };
}
