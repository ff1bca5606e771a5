import type { Logger } from '../log/logger';
import type { Stats } from '../stats/stats';
import { BinaryFrameDecoder, sniffFeedFormat, type FeedFormat } from './binary-frames';
import { FeedTextDecoder } from './feed-text-decoder';
import { LineSplitter } from './line-splitter';

/** Longest line kept whole; auditd's records are at most 8970 bytes, user messages can be longer. */
export const MAX_LINE_LENGTH = 64 * 1024;

/**
 * Bytes read at a time from an --input file: with Node's default (64 KiB), a read per ~60 events, at
 * about 0.1 ms of the main thread each, mostly fixed cost. 1 MiB chunks raised the peak RSS by 40 MB:
 * V8 frees a chunk's memory only at a later collection.
 */
export const FILE_READ_BYTES = 256 * 1024;

/**
 * A read chunk becomes text this much at a time: a string under V8's 128 KiB large-object size is
 * made in the young generation; a larger one goes to the old generation and is freed only by a full
 * collection (whole 1 MiB chunks as text doubled the full collections on the bench feed).
 */
const TEXT_PIECE_BYTES = 64 * 1024;

/** What the feed goes into: the Pipeline. */
export interface LineSink {
  handleLine(line: string): void;
  handleCutLine(): void;
  /** Called before each chunk; `handOver` false: no need to hand finished events over at once. */
  backpressure(handOver?: boolean): Promise<void>;
}

export interface ReadFeedOptions {
  /** The config's `format`; the first bytes decide when they say otherwise (logged once). */
  readonly format: FeedFormat;
  readonly stats: Stats;
  readonly logger?: Logger;
  /**
   * A file replayed, not a live feed: finished events are not handed over at the end of each chunk
   * (for them to be seen soon) but in full batches: half as many handovers on the bench feed.
   */
  readonly replay?: boolean;
}

/**
 * Feeds auditd's plugin feed, string or binary, into the pipeline, honouring back-pressure. The format
 * is told from the first bytes (a string feed starts with `type=` or `node=`, a binary one with a
 * dispatcher header), so a stanza with `format = binary` works even when the config says string.
 */
export async function readFeed(source: AsyncIterable<Uint8Array>, sink: LineSink, options: ReadFeedOptions): Promise<void> {
  const { format: detected, chunks } = await sniffFeedFormat(source);
  if (detected !== options.format) {
    options.logger?.warn(`input: the feed is ${detected} but the config says format = ${options.format}: reading it as ${detected}`);
  }
  options.stats.count('input', `format.${detected}`);
  if (detected === 'binary') {
    const decoder = new BinaryFrameDecoder({ stats: options.stats });
    for await (const chunk of chunks) {
      await sink.backpressure(!options.replay);
      for (const frame of decoder.push(chunk)) sink.handleLine(frame.text);
    }
    for (const frame of decoder.end()) sink.handleLine(frame.text);
  } else {
    const text = new FeedTextDecoder();
    const splitter = new LineSplitter(MAX_LINE_LENGTH, (line) => sink.handleLine(line), () => sink.handleCutLine());
    for await (const chunk of chunks) {
      await sink.backpressure(!options.replay);
      for (let at = 0; at < chunk.length; at += TEXT_PIECE_BYTES) splitter.push(text.write(chunk.subarray(at, at + TEXT_PIECE_BYTES)));
    }
    splitter.push(text.end());
    splitter.end();
  }
  await sink.backpressure();
}
