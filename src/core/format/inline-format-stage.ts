import type { AuditEvent } from '../audit/audit-event';
import type { EventFormatter } from '../mozdef/event-formatter';
import type { FormatListener, FormatStage } from './format-stage';

/** Formats on the calling thread, synchronously: for tests and tools that drive the pipeline directly. */
export class InlineFormatStage implements FormatStage {
  private listener: FormatListener | undefined;

  constructor(private readonly formatter: EventFormatter) {}

  connect(listener: FormatListener): void {
    this.listener = listener;
  }

  submit(event: AuditEvent): void {
    const listener = this.listener!;
    let message;
    try {
      message = this.formatter.format(event);
    } catch (error) {
      listener.failed(1, 'format_error', (error as Error).message);
      return;
    }
    if (message === undefined) listener.skipped(1);
    else listener.message(message);
  }

  flush(): void {}

  room(): undefined {
    return undefined;
  }

  async settle(): Promise<void> {}

  async close(): Promise<void> {}
}
