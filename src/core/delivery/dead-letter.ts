import fs from 'node:fs';
import type { OutboundMessage } from '../../sinks/sink';

/** Appends messages a sink rejected for good, one JSON line each, with the reason. Bounded in bytes. */
export class DeadLetterFile {
  private size: number | undefined;

  constructor(readonly file: string, private readonly maxBytes: number) {}

  /** Returns false when the file is full or cannot be written (the caller counts a drop). */
  write(messages: readonly OutboundMessage[], error: Error): boolean {
    const at = new Date().toISOString();
    const text = messages.map((message) => JSON.stringify({ at, error: error.message, message }) + '\n').join('');
    try {
      if (this.size === undefined) this.size = fs.existsSync(this.file) ? fs.statSync(this.file).size : 0;
      if (this.size + Buffer.byteLength(text) > this.maxBytes) return false;
      fs.appendFileSync(this.file, text, { mode: 0o600 });
      this.size += Buffer.byteLength(text);
      return true;
    } catch {
      return false;
    }
  }
}
