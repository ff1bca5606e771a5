import type { Logger } from '../log/logger';
import type { Stats } from './stats';

/**
 * Logs every counter line every `intervalSeconds` (0 = never on its own) and whenever `report()` is
 * called (SIGUSR1, exit). `warnings` adds lines that deserve the warn level (serials lost before us).
 */
export class StatsReporter {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly stats: Stats,
    private readonly logger: Logger,
    private readonly intervalSeconds: number,
    private readonly warnings: () => readonly string[] = () => [],
  ) {}

  start(): void {
    if (this.timer || this.intervalSeconds <= 0) return;
    this.timer = setInterval(() => this.report(), this.intervalSeconds * 1000);
    this.timer.unref(); // counters never keep the process alive
  }

  report(): void {
    const lines = this.stats.formatLines();
    if (lines.length === 0) this.logger.info('stats: no counters yet');
    for (const line of lines) this.logger.info(`stats: ${line}`);
    for (const line of this.warnings()) this.logger.warn(`stats: ${line}`);
  }

  /** Safe twice and without start(). */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
