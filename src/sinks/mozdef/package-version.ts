import fs from 'node:fs';
import path from 'node:path';

/** This package's version, from the first package.json above the compiled file (src/ and dist/ alike). */
export function packageVersion(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'audisp-json' && pkg.version) return pkg.version;
    } catch { /* not here */ }
    if (path.dirname(dir) === dir) return 'unknown';
  }
}
