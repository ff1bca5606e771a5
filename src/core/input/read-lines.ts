import type { Readable } from 'node:stream';
import { LineSplitter } from './line-splitter';
import type { Pipeline } from '../pipeline/pipeline';

/** Longest line kept whole; auditd's records are at most 8970 bytes, user messages can be longer. */
export const MAX_LINE_LENGTH = 64 * 1024;

/** Feeds a text stream (stdin or a replayed audit.log) into the pipeline, honouring back-pressure. */
export async function readLines(stream: Readable, pipeline: Pipeline): Promise<void> {
  const splitter = new LineSplitter(
    MAX_LINE_LENGTH,
    (line) => pipeline.handleLine(line),
    () => pipeline.handleCutLine(),
  );
  stream.setEncoding('utf8');
  for await (const chunk of stream) {
    // Wait before pushing, not after: a SIGHUP reload that began while we waited for this chunk holds it.
    await pipeline.backpressure();
    splitter.push(chunk as string);
  }
  splitter.end();
  await pipeline.backpressure();
}
