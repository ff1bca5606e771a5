import { promises as fs, constants, statSync } from 'node:fs';
import * as path from 'node:path';
import type { LineFraming } from '../../core/mozdef/line-framing';
import { SinkSetupError } from '../sink-setup-error';
import { delivered, type OutboundMessage, type SendResult, type Sink } from '../sink';
import { writeAll } from './write-all';

/**
 * file_log: one framed message per line, appended; the file is created 0600 and reopened on SIGHUP
 * (logrotate `create` or `copytruncate` both work: O_APPEND writes follow truncation).
 */
export class FileSink implements Sink {
  readonly name = 'file';
  readonly maxBatch = 4096;
  private handle: fs.FileHandle | undefined;

  constructor(
    private readonly filePath: string,
    private readonly framing: LineFraming,
  ) {
    const dir = path.dirname(filePath);
    let isDir = false;
    try {
      isDir = statSync(dir).isDirectory();
    } catch {
      isDir = false;
    }
    if (!isDir) throw new SinkSetupError('file_log', `directory ${dir} does not exist`);
  }

  async start(): Promise<void> {
    await this.open();
  }

  async send(batch: readonly OutboundMessage[]): Promise<SendResult> {
    const pieces = this.framing.lines(batch);
    try {
      const handle = this.handle ?? (await this.open());
      await writeAll(handle, pieces);
      return delivered;
    } catch (error) {
      // A full disk, a removed directory or changed permissions are the destination's fault, never the
      // message's: retry (the chain spills meanwhile) and reopen on the next attempt.
      await this.close();
      return { status: 'retryable', error: error as Error };
    }
  }

  async reopen(): Promise<void> {
    await this.close();
    await this.open();
  }

  async shutdown(): Promise<void> {
    await this.close();
  }

  private async open(): Promise<fs.FileHandle> {
    const flags = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT;
    this.handle = await fs.open(this.filePath, flags, 0o600);
    return this.handle;
  }

  private async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close().catch(() => undefined);
  }
}
