import { execFileSync } from 'node:child_process';
import * as os from 'node:os';

let resolved: string | undefined;

/**
 * This host's FQDN (`hostname --fqdn`, as the C original used the canonical name), else os.hostname().
 * Asked once per process, as the original did at start: every config build (start, SIGHUP) needs it.
 */
export function localFqdn(): string {
  return (resolved ??= resolveFqdn());
}

function resolveFqdn(): string {
  const short = os.hostname();
  if (short.includes('.')) return short;
  try {
    const fqdn = execFileSync('hostname', ['--fqdn'], { timeout: 2000, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (fqdn !== '' && !fqdn.includes(' ')) return fqdn;
  } catch {
    // no hostname(1) or no resolver: the short name is still right
  }
  return short;
}
