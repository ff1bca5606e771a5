import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The package version, read once from package.json (two levels above dist/src/core). */
export const VERSION: string = (() => {
  for (const up of ['../..', '../../..']) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(__dirname, up, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'audisp-json' && pkg.version) return pkg.version;
    } catch {
      // try the next level
    }
  }
  return '0.0.0';
})();
