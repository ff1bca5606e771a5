import type { Logger } from '../log/logger';
import type { Stats } from '../stats/stats';
import type { OutboundMessage, Sink } from '../../sinks/sink';
import type { DeliveryChain } from './delivery-chain';

/** Placeholder chain: in-order memory queue, one attempt per batch; failures are counted as drops. */
export class SimpleChain implements DeliveryChain {
  private queue: OutboundMessage[] = [];
  private running: Promise<void> | undefined;

  constructor(
    private readonly sink: Sink,
    private readonly stats: Stats,
    private readonly logger: Logger,
  ) {}

  get sinkName(): string {
    return this.sink.name;
  }

  start(): Promise<void> {
    return this.sink.start();
  }

  offer(message: OutboundMessage): void {
    this.stats.count(this.sink.name, 'received');
    this.queue.push(message);
    this.running ??= this.pump();
  }

  reopen(): Promise<void> {
    return this.sink.reopen?.() ?? Promise.resolve();
  }

  async shutdown(): Promise<void> {
    await this.running;
    await this.sink.shutdown();
  }

  private async pump(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.sink.maxBatch);
      const result = await this.sink.send(batch);
      if (result.status === 'delivered') {
        this.stats.count(this.sink.name, 'delivered', batch.length);
      } else {
        this.stats.count(this.sink.name, `dropped.${result.status}`, batch.length);
        this.logger.error(`${this.sink.name}: ${batch.length} messages lost: ${result.error?.message ?? result.status}`);
      }
    }
    this.running = undefined;
  }
}
