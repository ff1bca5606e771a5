import { createReadStream } from 'node:fs';

/**
 * The yardstick: read the same feed, split lines the same way, JSON.stringify one small object per line.
 * Prints {"lines": N}. Run as a child process like the real pipeline.
 */
async function main(file: string): Promise<void> {
  const stream = createReadStream(file);
  stream.setEncoding('utf8');
  let pending = '';
  let lines = 0;
  let bytes = 0;
  for await (const chunk of stream) {
    const text = pending + (chunk as string);
    let start = 0;
    let newline = text.indexOf('\n');
    while (newline >= 0) {
      const line = text.slice(start, newline);
      bytes += JSON.stringify({ n: lines, length: line.length, first: line.slice(0, 8) }).length;
      lines++;
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    pending = text.slice(start);
  }
  process.stdout.write(JSON.stringify({ lines, bytes }) + '\n');
}

void main(process.argv[2]);
