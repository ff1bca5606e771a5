/**
 * The auditd plugin stanza (`plugins.d/audisp-json.conf`) and the marker lines that let
 * `uninstall` remove exactly what `install` added.
 */

export type FeedFormat = 'string' | 'binary';

export interface StanzaOptions {
  /** Absolute path of the launcher auditd starts (a root-owned regular executable file). */
  readonly launcher: string;
  readonly format: FeedFormat;
  readonly active?: boolean;
  /** Arguments for the program; auditd splits `args` on spaces, so none may contain one. */
  readonly args?: readonly string[];
}

/** First line of every file `install` wrote itself. */
export const WRITTEN_MARKER = '# audisp-json install: written by "audisp-json install"; "audisp-json uninstall" removes this file.';
/** Put in a stanza that existed (e.g. the package's, inactive) and that `install` switched on. */
export const ACTIVATED_MARKER = '# audisp-json install: activated by "audisp-json install"; "audisp-json uninstall" sets active = no again.';

export function renderStanza(o: StanzaOptions): string {
  for (const a of o.args ?? []) {
    if (a === '' || /\s/.test(a)) throw new Error(`plugin args may not be empty or contain spaces: ${JSON.stringify(a)}`);
  }
  const lines = [
    WRITTEN_MARKER,
    '# auditd starts this program and writes every audit record to its stdin.',
    `active = ${o.active === false ? 'no' : 'yes'}`,
    'direction = out',
    `path = ${o.launcher}`,
    'type = always',
  ];
  if (o.args && o.args.length > 0) lines.push(`args = ${o.args.join(' ')}`);
  lines.push(`format = ${o.format}`);
  return `${lines.join('\n')}\n`;
}

export type StanzaOwner = 'written' | 'activated' | 'foreign';

export function stanzaOwner(text: string): StanzaOwner {
  const lines = text.split('\n');
  if (lines[0] === WRITTEN_MARKER) return 'written';
  return lines.includes(ACTIVATED_MARKER) ? 'activated' : 'foreign';
}

const ACTIVE_LINE = /^\s*active\s*=.*$/m;

export function activeValue(text: string): string | undefined {
  return ACTIVE_LINE.exec(text)?.[0].split('=')[1].trim();
}

/** A stanza someone else wrote, switched on, with the marker that lets uninstall switch it off. */
export function activate(text: string): string {
  const body = ACTIVE_LINE.test(text) ? text.replace(ACTIVE_LINE, 'active = yes') : `active = yes\n${text}`;
  return `${ACTIVATED_MARKER}\n${body}`;
}

/** Undoes activate(): marker gone, `active = no`. */
export function deactivate(text: string): string {
  const body = text.split('\n').filter((l) => l !== ACTIVATED_MARKER).join('\n');
  return body.replace(ACTIVE_LINE, 'active = no');
}
