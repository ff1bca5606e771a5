import fs from 'node:fs';
import path from 'node:path';
import type { OutboundMessage } from '../../sinks/sink';
import { SpoolLock } from './spool-lock';

/**
 * A sink's disk spool: append-only segment files `<16-digit seq>.seg`, one message a line as JSON
 * (JSON.stringify escapes newlines, so a line is a message), and a `committed` file `seq offset` that
 * says where undelivered messages start, overwritten in place after each delivery.
 *
 * Crash safety: appends and commits are single write syscalls, so SIGKILL at any moment
 * leaves either the old or the new state, and the worst case is a redelivery (at-least-once).
 * fsync policy: with `fsync = false` (default) nothing is fsynced on the append path, which survives any
 * death of the process (the data is in the kernel's page cache) but not of the machine; segments are
 * fsynced when closed. With `fsync = true` every append and commit is fsynced. A torn or unreadable
 * line (power loss, disk full) is skipped and counted, never fatal. A new process never appends to an
 * old segment: it starts a fresh one, so a torn tail stays at the end of a closed segment.
 * A drained spool keeps appending to its open segment (no file created and removed per message in
 * write-ahead mode); segments are removed once read past, and all of them when a drained spool is opened.
 */
export interface SpoolPosition { readonly seq: number; readonly offset: number }

export interface SpoolBatch {
  readonly messages: OutboundMessage[];
  /** Position just after the batch: commit it once the batch is delivered. */
  readonly end: SpoolPosition;
  /** Lines skipped because they could not be read back. */
  readonly corrupt: number;
}

export type AppendResult = { status: 'ok' } | { status: 'full' } | { status: 'error'; error: Error };

export interface SpoolOptions {
  readonly maxBytes: number;
  readonly fsync: boolean;
  /** Segment size at which a new segment is started. */
  readonly segmentBytes?: number;
}

const SEGMENT = /^(\d{16})\.seg$/;
const COMMITTED = 'committed';
const TEMP_SUFFIX = '.seg.tmp';
const READ_CHUNK = 256 << 10;

export class Spool {
  private segments = new Map<number, number>(); // seq -> size in bytes
  private committed: SpoolPosition = { seq: 0, offset: 0 };
  private writeFd: number | undefined;
  private committedFd: number | undefined;
  private writeSeq = 0;
  private pending = 0;
  private readonly segmentBytes: number;
  /** Lines read ahead of the committed position, so that small batches do not re-read the disk. */
  private cache: { message: OutboundMessage | undefined; end: SpoolPosition }[] = [];

  private constructor(readonly dir: string, private readonly options: SpoolOptions, private readonly lock: SpoolLock) {
    this.segmentBytes = options.segmentBytes ?? Math.min(8 << 20, Math.max(4096, Math.floor(options.maxBytes / 4)));
  }

  /**
   * Opens (creating) the spool directory, claims it for this process and finds what a previous run
   * left. Throws if the directory is unusable, or SpoolInUseError if another live process holds it.
   */
  static open(dir: string, options: SpoolOptions): Spool {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const lock = SpoolLock.claim(dir);
    try {
      const spool = new Spool(dir, options, lock);
      spool.load();
      return spool;
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  /** Bytes of messages not yet committed. */
  get pendingBytes(): number { return this.pending; }
  get isEmpty(): boolean { return this.pending === 0; }

  append(message: OutboundMessage): AppendResult {
    const line = Buffer.from(JSON.stringify(message) + '\n');
    if (this.pending + line.length > this.options.maxBytes) return { status: 'full' };
    try {
      const fd = this.writable();
      const size = this.segments.get(this.writeSeq)!;
      let written = 0;
      try {
        written = fs.writeSync(fd, line, 0, line.length, size);
        if (written !== line.length) throw new Error(`short write to spool (${written} of ${line.length} bytes)`);
        if (this.options.fsync) fs.fsyncSync(fd);
      } catch (error) {
        if (written > 0) fs.ftruncateSync(fd, size); // never leave half a line behind
        throw error;
      }
      this.segments.set(this.writeSeq, size + line.length);
      this.pending += line.length;
      if (size + line.length >= this.segmentBytes) this.closeWriter();
      return { status: 'ok' };
    } catch (error) {
      return { status: 'error', error: error as Error };
    }
  }

  /**
   * Puts `messages` before everything pending (shutdown leftovers are older than what was spilled).
   * Design: the segment holding the committed position is rewritten as
   * `delivered head + messages + unread tail` into a temp file that is fsynced and renamed over it.
   * The committed record `seq offset` then points at the first prepended message without being
   * rewritten, so the rename is the only step: SIGKILL before it leaves the old state (the temp file is
   * removed at the next open), after it the new one; nothing delivered is replayed, nothing pending is
   * lost. Messages that do not fit in `maxBytes` are not written: the result says how many were.
   */
  prepend(messages: readonly OutboundMessage[]): { written: number; error?: Error } {
    const lines: Buffer[] = [];
    let bytes = 0;
    for (const message of messages) {
      const line = Buffer.from(JSON.stringify(message) + '\n');
      if (this.pending + bytes + line.length > this.options.maxBytes) break;
      lines.push(line);
      bytes += line.length;
    }
    if (lines.length === 0) return { written: 0 };
    try {
      this.closeWriter(); // the committed segment may be the open one: later appends start a new segment
      const { seq, offset } = this.committed;
      if (this.pending === 0 || !this.segments.has(seq)) {
        for (const message of messages.slice(0, lines.length)) { // nothing pending: prepend is append
          const result = this.append(message);
          if (result.status !== 'ok') throw result.status === 'error' ? result.error : new Error('spool full');
        }
        return { written: lines.length };
      }
      const old = fs.readFileSync(this.segmentPath(seq));
      const content = Buffer.concat([old.subarray(0, offset), ...lines, old.subarray(offset)]);
      this.replaceSegment(seq, content);
      this.segments.set(seq, content.length);
      this.pending += bytes;
      this.cache = [];
      return { written: lines.length };
    } catch (error) {
      return { written: 0, error: error as Error };
    }
  }

  /** Crash-safe replacement of one segment: temp file, fsync, rename, fsync of the directory. */
  private replaceSegment(seq: number, content: Buffer): void {
    const temp = path.join(this.dir, `${String(seq).padStart(16, '0')}${TEMP_SUFFIX}`);
    const fd = fs.openSync(temp, 'w', 0o600);
    try {
      fs.writeSync(fd, content);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, this.segmentPath(seq));
    try {
      const dirFd = fs.openSync(this.dir, 'r');
      try { fs.fsyncSync(dirFd); } finally { fs.closeSync(dirFd); }
    } catch { /* not every platform can fsync a directory */ }
  }

  /** Reads up to `max` messages from the committed position, without consuming them. */
  read(max: number): SpoolBatch {
    if (this.cache.length === 0) this.fill();
    const messages: OutboundMessage[] = [];
    let corrupt = 0;
    let end = this.committed;
    for (const entry of this.cache) {
      if (messages.length >= max) break;
      if (entry.message) messages.push(entry.message); else corrupt++;
      end = entry.end;
    }
    return { messages, end, corrupt };
  }

  /** Forgets everything before `end` (delivered or dead-lettered). */
  commit(end: SpoolPosition): void {
    let freed = 0;
    for (const [seq, size] of this.segments) {
      if (seq < end.seq) freed += size - (seq === this.committed.seq ? this.committed.offset : 0);
    }
    freed += end.offset - (end.seq === this.committed.seq ? this.committed.offset : 0);
    this.committed = end;
    this.pending -= freed;
    while (this.cache.length > 0 && !after(this.cache[0].end, end)) this.cache.shift();
    if (this.pending <= 0 && this.writeFd === undefined) {
      this.reset(); // drained and no segment open: start the next spill from a clean directory
      return;
    }
    this.writeCommitted();
    for (const seq of [...this.segments.keys()]) {
      if (seq < end.seq) this.removeSegment(seq);
    }
  }

  close(): void {
    this.closeWriter();
    if (this.committedFd !== undefined) fs.closeSync(this.committedFd);
    this.committedFd = undefined;
    this.lock.release();
  }

  private load(): void {
    for (const name of fs.readdirSync(this.dir)) {
      const match = SEGMENT.exec(name);
      if (match) this.segments.set(Number(match[1]), fs.statSync(path.join(this.dir, name)).size);
      else if (name.endsWith(TEMP_SUFFIX)) fs.rmSync(path.join(this.dir, name), { force: true }); // a prepend cut short
    }
    try {
      const [seq, offset] = fs.readFileSync(path.join(this.dir, COMMITTED), 'utf8').trim().split(' ').map(Number);
      if (Number.isSafeInteger(seq) && Number.isSafeInteger(offset)) this.committed = { seq, offset };
    } catch { /* no committed file: everything is pending */ }
    for (const seq of [...this.segments.keys()]) {
      if (seq < this.committed.seq) this.removeSegment(seq);
    }
    if (!this.segments.has(this.committed.seq)) {
      this.committed = { seq: this.firstSeq() ?? this.committed.seq, offset: 0 };
    }
    for (const [seq, size] of this.segments) this.pending += size - (seq === this.committed.seq ? Math.min(this.committed.offset, size) : 0);
    this.writeSeq = Math.max(this.committed.seq, ...this.segments.keys());
    if (this.pending === 0 && this.segments.size > 0) this.reset();
  }

  /** Parses the next chunk of lines after the committed position into the read-ahead cache. */
  private fill(): void {
    let { seq, offset } = this.committed;
    while (this.pending > 0 && this.cache.length === 0) {
      const size = this.segments.get(seq);
      if (size === undefined || offset >= size) {
        const next = this.nextSeq(seq);
        if (next === undefined) return;
        seq = next; offset = 0;
        continue;
      }
      const fd = fs.openSync(this.segmentPath(seq), 'r');
      try {
        let length = Math.min(READ_CHUNK, size - offset);
        for (;;) {
          const buffer = Buffer.allocUnsafe(length);
          const got = fs.readSync(fd, buffer, 0, length, offset);
          const last = buffer.lastIndexOf(10, got - 1);
          if (last >= 0) {
            this.cacheLines(buffer.subarray(0, last + 1), seq, offset);
            break;
          }
          if (offset + got >= size) { // unterminated tail of a closed segment: a torn write
            this.cache.push({ message: undefined, end: { seq, offset: size } });
            break;
          }
          length = Math.min(length * 2, size - offset); // a line longer than the chunk
        }
      } finally {
        fs.closeSync(fd);
      }
    }
  }

  private cacheLines(buffer: Buffer, seq: number, base: number): void {
    let start = 0;
    while (start < buffer.length) {
      const end = buffer.indexOf(10, start);
      this.cache.push({ message: parseMessage(buffer.toString('utf8', start, end)), end: { seq, offset: base + end + 1 } });
      start = end + 1;
    }
  }

  private writable(): number {
    if (this.writeFd === undefined) {
      this.writeSeq += 1;
      this.writeFd = fs.openSync(this.segmentPath(this.writeSeq), 'wx', 0o600);
      this.segments.set(this.writeSeq, 0);
      if (this.pending === 0) { // first segment of a fresh spool: it is where reading starts
        this.committed = { seq: this.writeSeq, offset: 0 };
        this.writeCommitted();
      }
    }
    return this.writeFd;
  }

  private closeWriter(): void {
    if (this.writeFd === undefined) return;
    try { fs.fsyncSync(this.writeFd); } catch { /* best effort */ }
    fs.closeSync(this.writeFd);
    this.writeFd = undefined;
  }

  private reset(): void {
    this.closeWriter();
    this.cache = [];
    for (const seq of [...this.segments.keys()]) this.removeSegment(seq);
    this.pending = 0;
    this.committed = { seq: this.writeSeq, offset: 0 };
    this.writeCommitted();
  }

  /**
   * Overwrites the fixed-width record `seq offset` in place with one pwrite: a single write syscall of
   * 34 bytes at offset 0 is never half-done by a process death, and it costs far less than write-and-rename.
   */
  private writeCommitted(): void {
    this.committedFd ??= fs.openSync(path.join(this.dir, COMMITTED), 'w', 0o600);
    const record = `${String(this.committed.seq).padStart(16, '0')} ${String(this.committed.offset).padStart(16, '0')}\n`;
    fs.writeSync(this.committedFd, record, 0);
    if (this.options.fsync) fs.fdatasyncSync(this.committedFd);
  }

  private removeSegment(seq: number): void {
    this.segments.delete(seq);
    fs.rmSync(this.segmentPath(seq), { force: true });
  }

  private firstSeq(): number | undefined {
    return this.segments.size === 0 ? undefined : Math.min(...this.segments.keys());
  }

  private nextSeq(seq: number): number | undefined {
    let next: number | undefined;
    for (const s of this.segments.keys()) if (s > seq && (next === undefined || s < next)) next = s;
    return next;
  }

  private segmentPath(seq: number): string {
    return path.join(this.dir, `${String(seq).padStart(16, '0')}.seg`);
  }
}

function after(a: SpoolPosition, b: SpoolPosition): boolean {
  return a.seq > b.seq || (a.seq === b.seq && a.offset > b.offset);
}

function parseMessage(line: string): OutboundMessage | undefined {
  try {
    const m = JSON.parse(line) as Partial<OutboundMessage>;
    if (typeof m.id === 'string' && typeof m.json === 'string' && typeof m.category === 'string'
      && typeof m.hostname === 'string' && typeof m.time === 'number') {
      return { id: m.id, category: m.category, hostname: m.hostname, time: m.time, json: m.json };
    }
  } catch { /* counted by the caller */ }
  return undefined;
}
