import { existsSync } from 'node:fs';
import path from 'node:path';

/** Where auditd looks for plugins on this machine: audit 3.x or the 2.x audispd layout. */
export interface AuditLayout {
  readonly generation: '3.x' | '2.x';
  /** Directory of plugin stanzas, e.g. `/etc/audit/plugins.d`. */
  readonly pluginDir: string;
  /** Our config file, e.g. `/etc/audit/audisp-json.conf`. */
  readonly configFile: string;
}

export type LayoutResult = { ok: true; layout: AuditLayout } | { ok: false; reason: string };

/**
 * Paths are returned inside `root` (`/` normally, a scratch directory in tests). audit 3.x keeps
 * plugins in /etc/audit/plugins.d; 2.x had the separate audispd with /etc/audisp/plugins.d.
 */
export function detectAuditLayout(root = '/'): LayoutResult {
  const at = (p: string): string => path.join(root, p);
  if (existsSync(at('etc/audit/plugins.d'))) {
    return { ok: true, layout: { generation: '3.x', pluginDir: at('etc/audit/plugins.d'), configFile: at('etc/audit/audisp-json.conf') } };
  }
  if (existsSync(at('etc/audisp/plugins.d'))) {
    return { ok: true, layout: { generation: '2.x', pluginDir: at('etc/audisp/plugins.d'), configFile: at('etc/audisp/audisp-json.conf') } };
  }
  return { ok: false, reason: `neither ${at('etc/audit/plugins.d')} nor ${at('etc/audisp/plugins.d')} exists: is auditd installed?` };
}
