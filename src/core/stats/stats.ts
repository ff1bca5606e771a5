/**
 * Counters by scope (`input`, `correlator`, a sink's name...) and name (`lines`, `delivered`,
 * `dropped.queue_full`...). Drops always carry their reason in the name.
 */
export class Stats {
  private readonly scopes = new Map<string, Map<string, number>>();

  count(scope: string, name: string, n = 1): void {
    let counters = this.scopes.get(scope);
    if (!counters) {
      counters = new Map();
      this.scopes.set(scope, counters);
    }
    counters.set(name, (counters.get(name) ?? 0) + n);
  }

  get(scope: string, name: string): number {
    return this.scopes.get(scope)?.get(name) ?? 0;
  }

  snapshot(): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {};
    for (const [scope, counters] of this.scopes) out[scope] = Object.fromEntries(counters);
    return out;
  }

  /** One log line per scope: `input: lines=10 malformed=1`. */
  formatLines(): string[] {
    return [...this.scopes].map(
      ([scope, counters]) => `${scope}: ${[...counters].map(([name, n]) => `${name}=${n}`).join(' ')}`,
    );
  }
}
