import type { FileHandle } from 'node:fs/promises';

/** What writeAll needs of a file (tests give a fake one). */
export type VectorWriter = Pick<FileHandle, 'writev'>;

/**
 * Writes every byte of `pieces`, in order. libuv retries short writes itself, but a write that fails
 * part-way (a disk that fills up) comes back as the bytes it got out, without an error: the rest is
 * written again here, so the failure surfaces instead of the tail of the batch going missing.
 */
export async function writeAll(file: VectorWriter, pieces: readonly Uint8Array[]): Promise<void> {
  let left = 0;
  for (const piece of pieces) left += piece.length;
  let rest = [...pieces];
  while (left > 0) {
    const { bytesWritten } = await file.writev(rest);
    if (bytesWritten <= 0) throw new Error(`write made no progress (${left} bytes left)`);
    left -= bytesWritten;
    if (left > 0) rest = after(rest, bytesWritten);
  }
}

/** The pieces that follow the first `skip` bytes. */
function after(pieces: Uint8Array[], skip: number): Uint8Array[] {
  let i = 0;
  while (skip >= pieces[i].length) skip -= pieces[i++].length;
  return [pieces[i].subarray(skip), ...pieces.slice(i + 1)];
}
