import fs from 'node:fs';
import type { OutboundMessage } from '../../sinks/sink';

/** Appends messages a sink rejected for good, one JSON line each, with the reason. Bounded in bytes. */
export class DeadLetterFile {
  private size: number | undefined;

  constructor(readonly file: string, private readonly maxBytes: number) {}

  /** `full` or `error` when the messages could not be kept (the caller counts a drop with that reason). */
  write(messages: readonly OutboundMessage[], error: Error): 'ok' | 'full' | 'error' {
    const at = new Date().toISOString();
    const text = messages.map((message) => JSON.stringify({ at, error: error.message, message }) + '\n').join('');
    try {
      if (this.size === undefined) this.size = fs.existsSync(this.file) ? fs.statSync(this.file).size : 0;
      if (this.size + Buffer.byteLength(text) > this.maxBytes) return 'full';
      fs.appendFileSync(this.file, text, { mode: 0o600 });
      this.size += Buffer.byteLength(text);
      return 'ok';
    } catch {
      return 'error';
    }
  }
}
