/** One counter, held by the code that counts it often (per record, per message): no lookup per count. */
export class Counter {
  /** Shown only once counted: a counter asked for but never counted does not appear. */
  counted = false;
  value = 0;

  add(n = 1): void {
    this.value += n;
    this.counted = true;
  }
}

/**
 * Counters by scope (`input`, `correlator`, a sink's name...) and name (`lines`, `delivered`,
 * `dropped.queue_full`...). Drops always carry their reason in the name.
 */
export class Stats {
  private readonly scopes = new Map<string, Map<string, Counter>>();

  count(scope: string, name: string, n = 1): void {
    this.counter(scope, name).add(n);
  }

  /** The counter itself, for hot paths. */
  counter(scope: string, name: string): Counter {
    let counters = this.scopes.get(scope);
    if (!counters) {
      counters = new Map();
      this.scopes.set(scope, counters);
    }
    let counter = counters.get(name);
    if (!counter) {
      counter = new Counter();
      counters.set(name, counter);
    }
    return counter;
  }

  get(scope: string, name: string): number {
    return this.scopes.get(scope)?.get(name)?.value ?? 0;
  }

  snapshot(): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {};
    for (const [scope, counters] of this.scopes) {
      const values = counted(counters);
      if (values.length > 0) out[scope] = Object.fromEntries(values);
    }
    return out;
  }

  /** One log line per scope: `input: lines=10 malformed=1`. */
  formatLines(): string[] {
    const lines: string[] = [];
    for (const [scope, counters] of this.scopes) {
      const values = counted(counters);
      if (values.length > 0) lines.push(`${scope}: ${values.map(([name, n]) => `${name}=${n}`).join(' ')}`);
    }
    return lines;
  }
}

function counted(counters: Map<string, Counter>): [string, number][] {
  const values: [string, number][] = [];
  for (const [name, counter] of counters) if (counter.counted) values.push([name, counter.value]);
  return values;
}
