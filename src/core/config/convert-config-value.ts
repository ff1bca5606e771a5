/**
 * Turns a config value's text into the property's type, chosen by its `design:type` metadata
 * (emitted by tsc for every decorated property; `T | undefined` is emitted as T).
 */
export type ConvertResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly message: string };

// Decimal only: Number() would also take '', ' ', '0x1f', '1e', 'Infinity'.
const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

const BOOLEAN_WORDS: Readonly<Record<string, boolean>> = {
  yes: true, true: true, on: true, '1': true,
  no: false, false: false, off: false, '0': false,
};

export function convertConfigValue(text: string, designType: unknown): ConvertResult {
  switch (designType) {
    case Number: return toNumber(text);
    case Boolean: return toBoolean(text);
    case Array: return { ok: true, value: toList(text) };
    default: return { ok: true, value: text };
  }
}

function toNumber(text: string): ConvertResult {
  if (!NUMBER_PATTERN.test(text)) return { ok: false, message: `expected a number, got ${JSON.stringify(text)}` };
  const value = Number(text);
  if (!Number.isFinite(value)) return { ok: false, message: `number out of range: ${text}` };
  return { ok: true, value };
}

function toBoolean(text: string): ConvertResult {
  const word = text.toLowerCase();
  if (!Object.hasOwn(BOOLEAN_WORDS, word)) {
    return { ok: false, message: `expected yes/no, true/false, on/off or 1/0, got ${JSON.stringify(text)}` };
  }
  return { ok: true, value: BOOLEAN_WORDS[word] };
}

/** `a, b c,,d` → ['a', 'b', 'c', 'd']. */
function toList(text: string): string[] {
  return text.split(/[\s,]+/).filter((item) => item !== '');
}
