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
      const key = keyJson(keys[i]);
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

/**
 * How a member opens, by what comes before it (the object's start, a value written by
 * JSON.stringify, or a plain value whose closing quote is still to be written) and whether its own
 * value is plain (`{"pid":"`) or written by JSON.stringify (`{"pid":`).
 */
interface KeyJson {
  readonly first: string;
  readonly next: string;
  readonly afterQuoted: string;
  readonly firstEscaped: string;
  readonly nextEscaped: string;
  readonly afterQuotedEscaped: string;
}

/**
 * Keys as JSON, remembered: the same few dozen keys recur in every message, and reusing their strings
 * saves building them again and makes fewer rope pieces. Raw field names can be anything a sender
 * writes, so the memory is bounded: past KEYS_REMEMBERED, new keys are encoded every time.
 */
const KEYS_REMEMBERED = 10_000;
const keysJson = new Map<string, KeyJson>();

function keyJson(key: string): KeyJson {
  let json = keysJson.get(key);
  if (json === undefined) {
    const name = jsonString(key);
    json = {
      first: `{${name}:"`, next: `,${name}:"`, afterQuoted: `",${name}:"`,
      firstEscaped: `{${name}:`, nextEscaped: `,${name}:`, afterQuotedEscaped: `",${name}:`,
    };
    if (keysJson.size < KEYS_REMEMBERED) keysJson.set(key, json);
  }
  return json;
}
