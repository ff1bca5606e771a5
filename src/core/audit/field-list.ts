/** The fields of a record, as the formatter reads them. A Map satisfies it too (tests build records so). */
export interface RecordFields extends Iterable<readonly [string, string]> {
  /** The value of the first field called `key`. */
  get(key: string): string | undefined;
  has(key: string): boolean;
}

/**
 * Fields in order of appearance, in two arrays: a record has a few dozen, and appending then scanning
 * beats hashing each fresh key into a Map (5% of the formatting thread). Appending is O(1) whatever
 * the record holds (an EXECVE record may carry a thousand arguments); `get` scans.
 * A key written twice: `get` sees the first, iteration both.
 */
export class FieldList implements RecordFields {
  private readonly keys: string[] = [];
  private readonly values: string[] = [];

  add(key: string, value: string): void {
    this.keys.push(key);
    this.values.push(value);
  }

  get(key: string): string | undefined {
    const i = this.keys.indexOf(key);
    return i < 0 ? undefined : this.values[i];
  }

  has(key: string): boolean {
    return this.keys.includes(key);
  }

  /** Whether one of the first `count` fields is called `key`. */
  hasAmongFirst(key: string, count: number): boolean {
    const i = this.keys.indexOf(key);
    return i >= 0 && i < count;
  }

  get size(): number {
    return this.keys.length;
  }

  *[Symbol.iterator](): Iterator<readonly [string, string]> {
    for (let i = 0; i < this.keys.length; i++) yield [this.keys[i], this.values[i]];
  }
}
