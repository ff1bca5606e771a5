/**
 * Exponential backoff with full jitter: the n-th consecutive failure waits a random time up to
 * min(max, initial * 2^n), so that many clients do not retry in step. A peer's own delay (HTTP
 * Retry-After) wins over the jitter, capped by `maxMs` so a bad header cannot stall a sink for days.
 */
export class Backoff {
  private failures = 0;

  constructor(
    private readonly initialMs: number,
    private readonly maxMs: number,
    private readonly random: () => number = Math.random,
  ) {}

  /** Milliseconds to wait before the next attempt, after one more failure. */
  next(retryInMillis?: number): number {
    const bound = Math.min(this.maxMs, this.initialMs * 2 ** Math.min(this.failures, 40));
    this.failures++;
    if (retryInMillis !== undefined && retryInMillis >= 0) return Math.min(retryInMillis, this.maxMs);
    return Math.floor(this.random() * bound);
  }

  reset(): void {
    this.failures = 0;
  }
}
