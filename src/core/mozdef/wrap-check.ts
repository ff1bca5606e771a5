import type { LineFraming } from './line-framing';
import type { MozDefMessage } from './mozdef-message';

export type WrapCheckResult = { readonly ok: true } | { readonly ok: false; readonly error: string };

/** A document with the characters that break naive wrappers: quotes, backslashes, braces, non-ASCII. */
const SAMPLE: MozDefMessage = {
  category: 'execve',
  summary: 'Execve: sh -c "echo {a} \\\\ b"',
  severity: 'INFO',
  hostname: 'web1.example.com',
  processid: 4242,
  processname: 'audisp-json',
  timestamp: '2026-11-25T04:13:37.014000+00:00',
  tags: ['audisp-json', 'audit'],
  details: { auditserial: '25', command: 'sh -c "echo {a} \\\\ b"', cwd: '/tmp/é\u2028' },
};

/**
 * wrap_check = yes: frames a sample MozDef document with prepend_msg / postpend_msg and parses the
 * line (newline removed) as JSON. Valid JSON for the sample means valid JSON for every message: the
 * message is always one JSON object in the same place between the same bytes.
 */
export function checkWrapping(framing: LineFraming): WrapCheckResult {
  const line = framing.frame(JSON.stringify(SAMPLE));
  const body = line.slice(0, -1);
  const keys = `prepend_msg = ${JSON.stringify(framing.prepend)}, postpend_msg = ${JSON.stringify(framing.postpend)}`;
  if (/[\r\n]/.test(body)) {
    return { ok: false, error: `wrap_check: ${keys} contain a line break, so a message would not be one line` };
  }
  try {
    JSON.parse(body);
    return { ok: true };
  } catch (error) {
    return {
      ok: false,
      error: `wrap_check: ${keys} do not make valid JSON around a message (${(error as Error).message}); `
        + `a line would start ${JSON.stringify(body.slice(0, 60))}. Fix them or set wrap_check = no`,
    };
  }
}
