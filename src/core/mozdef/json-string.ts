/** Characters JSON.stringify would escape: quote, backslash, controls, and (lone) surrogates. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * A string as JSON, exactly as JSON.stringify writes it, but without its call for the common case of
 * nothing to escape. The messages are built as text: cheaper than building objects to stringify.
 */
export function jsonString(value: string): string {
  return needsEscape(value) ? JSON.stringify(value) : `"${value}"`;
}

/** True when JSON needs more than quotes around `value`. */
export function needsEscape(value: string): boolean {
  return NEEDS_ESCAPE.test(value);
}
