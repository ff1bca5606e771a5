import { type DetailKey, detailKey } from './detail-key';
import { needsEscape } from './json-string';
import { cutValue } from './value-cut';

/** Builders made so far in this thread: each marks the keys it takes with its number. */
let builders = 0;

/**
 * Collects `details`: string values only, absent values left out, the first value of a key kept
 * (the record that leads the event speaks first), long values cut with a visible marker. Kept as two
 * arrays in insertion order and written as JSON text by `json()`; any key is safe, `__proto__`
 * included. Whether a key is taken is read from the key's mark (see DetailKey): no scan, no hash.
 * Only the newest builder may trust the marks; an older one still being filled scans its keys.
 */
export class DetailsBuilder {
  private readonly keys: DetailKey[] = [];
  private readonly values: string[] = [];
  private readonly number = ++builders;
  /** Index of each key by name, once positions() was needed. */
  private named: Map<string, number> | undefined;
  /** Plain names putNamed found taken: the next number to give and the values said under the name. */
  private repeats: Map<string, { next: number; readonly said: Set<string> }> | undefined;

  constructor(private readonly maxValueLength: number) {}

  put(key: DetailKey, value: string | undefined): void {
    if (value === undefined || this.has(key)) return;
    key.mark = this.number;
    this.named?.set(key.name, this.keys.length);
    this.keys.push(key);
    this.values.push(value.length > this.maxValueLength ? cutValue(value, this.maxValueLength) : value);
  }

  /**
   * put() for a key known by its name only (a raw field). A name taken with another value gets a
   * number (`name_2`): a record that repeats a field, or two raw names that make the same plain key
   * (`a.b`, `a_b`), lose nothing. A value said already under the name is not said again.
   */
  putNamed(name: string, value: string | undefined): void {
    if (value === undefined) return;
    const key = detailKey(name);
    if (!this.has(key)) {
      this.put(key, value);
      return;
    }
    // Kept per plain name (`a.b` and `a_b` are numbered as one), so that a record repeating a field
    // thousands of times costs a lookup a field, not a scan of the numbers given so far.
    const plain = key.name;
    let repeats = (this.repeats ??= new Map()).get(plain);
    if (repeats === undefined) this.repeats.set(plain, (repeats = { next: 2, said: new Set([this.valueOf(key)!]) }));
    const kept = this.cut(value);
    if (repeats.said.has(kept)) return;
    repeats.said.add(kept);
    let numbered = detailKey(`${plain}_${repeats.next++}`);
    // A raw field may have the name already (res_2 beside res).
    while (this.has(numbered)) numbered = detailKey(`${plain}_${repeats.next++}`);
    this.put(numbered, value);
  }

  /** The value put under `key` (as put: a long one is cut), if any. */
  valueOf(key: DetailKey): string | undefined {
    if (!this.has(key)) return undefined;
    return this.values[this.positions().get(key.name)!];
  }

  has(key: DetailKey): boolean {
    if (key.unique && this.number === builders) return key.mark === this.number;
    return this.positions().has(key.name);
  }

  /**
   * Where each key is, by name: made when first needed (a key without a mark of its own, an older
   * builder, a value asked for), then kept up to date, so that an event of thousands of keys (a kill
   * of every process: an OBJ_PID record each) is not a scan per key.
   */
  private positions(): Map<string, number> {
    if (this.named === undefined) {
      this.named = new Map();
      for (let i = 0; i < this.keys.length; i++) this.named.set(this.keys[i].name, i);
    }
    return this.named;
  }

  cut(value: string): string {
    return cutValue(value, this.maxValueLength);
  }

  /**
   * The `details` object as JSON text, keys in insertion order. Each member is written as two pieces,
   * its opening (which also closes the previous value's quote) and its value: a rope of few pieces is
   * cheaper to build and to flatten when the message is sent.
   */
  json(): string {
    const { keys, values } = this;
    if (keys.length === 0) return '{}';
    // Nearly always nothing to escape: one test over all the values instead of one per value.
    const plain = !needsEscape(values.join(''));
    let out = '';
    let quoteOpen = false;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const value = values[i];
      if (plain || !needsEscape(value)) {
        out += (quoteOpen ? key.afterQuoted : i === 0 ? key.first : key.next) + value;
        quoteOpen = true;
      } else {
        out += (quoteOpen ? key.afterQuotedEscaped : i === 0 ? key.firstEscaped : key.nextEscaped) + JSON.stringify(value);
        quoteOpen = false;
      }
    }
    return out + (quoteOpen ? '"}' : '}');
  }
}
