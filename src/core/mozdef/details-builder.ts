import { jsonString, needsEscape } from './json-string';
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
    let out = '';
    for (let i = 0; i < this.keys.length; i++) {
      const key = keyJson(this.keys[i]);
      const value = this.values[i];
      // Plain values (nearly all) go between the key's remembered opening and a quote: fewer pieces.
      if (!needsEscape(value)) out += `${i === 0 ? key.first : key.next}${value}"`;
      else out += `${i === 0 ? '{' : ','}${key.name}:${JSON.stringify(value)}`;
    }
    return out === '' ? '{}' : `${out}}`;
  }
}

/** A key's JSON, and how a member with a plain value starts: first (`{"pid":"`) or next (`,"pid":"`). */
interface KeyJson {
  readonly name: string;
  readonly first: string;
  readonly next: string;
}

/**
 * Keys as JSON, remembered: the same few dozen keys recur in every message, and reusing their strings
 * saves building them again and makes fewer rope pieces (~10% of the formatting thread). Raw field
 * names can be anything a sender writes, so the memory is bounded: past KEYS_REMEMBERED, new keys are
 * encoded every time.
 */
const KEYS_REMEMBERED = 10_000;
const keysJson = new Map<string, KeyJson>();

function keyJson(key: string): KeyJson {
  let json = keysJson.get(key);
  if (json === undefined) {
    const name = jsonString(key);
    json = { name, first: `{${name}:"`, next: `,${name}:"` };
    if (keysJson.size < KEYS_REMEMBERED) keysJson.set(key, json);
  }
  return json;
}
