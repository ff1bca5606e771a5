import { cutValue } from './value-cut';

/**
 * Collects `details`: string values only, absent values left out, the first value of a key kept
 * (the record that leads the event speaks first), long values cut with a visible marker.
 */
export class DetailsBuilder {
  readonly details: Record<string, string> = {};

  constructor(private readonly maxValueLength: number) {}

  put(key: string, value: string | undefined): void {
    if (value === undefined || Object.hasOwn(this.details, key)) return;
    const cut = value.length > this.maxValueLength ? cutValue(value, this.maxValueLength) : value;
    // A raw field may be called anything, even `__proto__`: define it rather than assign it.
    if (key === '__proto__') Object.defineProperty(this.details, key, { value: cut, enumerable: true, writable: true, configurable: true });
    else this.details[key] = cut;
  }

  has(key: string): boolean {
    return Object.hasOwn(this.details, key);
  }

  cut(value: string): string {
    return cutValue(value, this.maxValueLength);
  }
}
