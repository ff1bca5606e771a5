import type { Logger } from '../log/logger';

/**
 * Logs a recurring problem (drops) at most once per interval and key, saying how many happened since
 * the last line, so a flood of drops cannot flood the log as well.
 */
export class RateLimitedLog {
  private readonly pending = new Map<string, { count: number; last: number }>();

  constructor(
    private readonly logger: Logger,
    private readonly intervalMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  warn(key: string, describe: (count: number) => string): void {
    const entry = this.pending.get(key) ?? { count: 0, last: -Infinity };
    entry.count++;
    this.pending.set(key, entry);
    const now = this.now();
    if (now - entry.last < this.intervalMs) return;
    this.logger.warn(describe(entry.count));
    entry.count = 0;
    entry.last = now;
  }

  /** Logs what was held back (at shutdown). */
  flush(describe: (key: string, count: number) => string): void {
    for (const [key, entry] of this.pending) {
      if (entry.count > 0) this.logger.warn(describe(key, entry.count));
      entry.count = 0;
    }
  }
}
