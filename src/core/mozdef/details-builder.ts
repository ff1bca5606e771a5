import { jsonString } from './json-string';
import { cutValue } from './value-cut';

/**
 * Collects `details`: string values only, absent values left out, the first value of a key kept
 * (the record that leads the event speaks first), long values cut with a visible marker. Kept as two
 * arrays in insertion order (a message has a few dozen keys: a scan beats hashing) and written as JSON
 * text by `json()`; any key is safe, `__proto__` included.
 */
export class DetailsBuilder {
  private readonly keys: string[] = [];
  private readonly values: string[] = [];

  constructor(private readonly maxValueLength: number) {}

  put(key: string, value: string | undefined): void {
    if (value === undefined || this.keys.includes(key)) return;
    this.keys.push(key);
    this.values.push(value.length > this.maxValueLength ? cutValue(value, this.maxValueLength) : value);
  }

  has(key: string): boolean {
    return this.keys.includes(key);
  }

  cut(value: string): string {
    return cutValue(value, this.maxValueLength);
  }

  /** The `details` object as JSON text, keys in insertion order. */
  json(): string {
    if (this.keys.length === 0) return '{}';
    let out = `{${keyJson(this.keys[0])}${jsonString(this.values[0])}`;
    for (let i = 1; i < this.keys.length; i++) out += `,${keyJson(this.keys[i])}${jsonString(this.values[i])}`;
    return `${out}}`;
  }
}

/**
 * Keys as JSON with their colon (`"pid":`), remembered: the same few dozen keys recur in every message, and reusing one string
 * for each saves building it again (~6% of the formatting thread). Raw field names can be anything a
 * sender writes, so the memory is bounded: past KEYS_REMEMBERED, new keys are encoded every time.
 */
const KEYS_REMEMBERED = 10_000;
const keysJson = new Map<string, string>();

function keyJson(key: string): string {
  let json = keysJson.get(key);
  if (json === undefined) {
    json = `${jsonString(key)}:`;
    if (keysJson.size < KEYS_REMEMBERED) keysJson.set(key, json);
  }
  return json;
}
