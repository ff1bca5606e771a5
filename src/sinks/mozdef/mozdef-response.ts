import type { SendResult } from '../sink';

/** Maps MozDef's answer onto a delivery outcome: 2xx delivered; 408, 429, 5xx retryable; other 4xx rejected. */
export function mapStatus(statusCode: number, retryAfter: string | string[] | undefined, now = Date.now()): SendResult {
  if (statusCode >= 200 && statusCode < 300) return { status: 'delivered' };
  const error = new Error(`HTTP ${statusCode}`);
  if (statusCode === 408 || statusCode === 429 || statusCode >= 500) {
    const retryInMillis = parseRetryAfter(retryAfter, now);
    return retryInMillis === undefined ? { status: 'retryable', error } : { status: 'retryable', error, retryInMillis };
  }
  // 1xx/3xx (redirects are not followed) and other 4xx: sending the same request again cannot help.
  return { status: 'rejected', error };
}

/** Retry-After: delta-seconds or an HTTP date (RFC 9110 10.2.3). */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text.trim() === '') return undefined;
  if (/^\s*\d+\s*$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
