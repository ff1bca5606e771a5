import { jsonString } from './json-string';

/**
 * Audit time (`1795580025.014`, seconds since the epoch with milliseconds) as MozDef wants it:
 * UTC with microseconds, `2026-11-25T04:13:37.014000+00:00`.
 * Events come in bursts within the same second, so the formatted second is cached.
 */
export class AuditTimestamp {
  private lastSeconds = '';
  private lastPrefix = '';

  format(auditTime: string): string {
    const dot = auditTime.indexOf('.');
    const seconds = dot < 0 ? auditTime : auditTime.slice(0, dot);
    const fraction = dot < 0 ? '' : auditTime.slice(dot + 1, dot + 7);
    if (seconds !== this.lastSeconds) {
      const date = new Date(Number(seconds) * 1000);
      // Not a number, or past the years a Date can hold (a corrupted line can pass the header check
      // with 15 digits of seconds): keep the text rather than throw; the record was malformed upstream.
      if (Number.isNaN(date.getTime())) return auditTime;
      // Without the `.sssZ`; cut from the end, as years past 9999 are written with 6 digits and a sign.
      this.lastPrefix = date.toISOString().slice(0, -5);
      this.lastSeconds = seconds;
    }
    return `${this.lastPrefix}.${fraction.padEnd(6, '0')}+00:00`;
  }

  /** The same as a JSON string. Parsed records have digits only here: nothing to escape, no test. */
  json(auditTime: string): string {
    const text = this.format(auditTime);
    return digitsAndDot(auditTime) ? `"${text}"` : jsonString(text);
  }
}

function digitsAndDot(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 48 || c > 57) && c !== 46) return false;
  }
  return true;
}
