import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** The repository root: the first ancestor of this file with a package.json (works from dist/ too). */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + __dirname);
    dir = parent;
  }
  return dir;
}

/** ../shared/corpus beside the repository. */
export function corpusDir(): string {
  return path.join(repoRoot(), '..', 'shared', 'corpus');
}

export function fixture(...parts: string[]): string {
  return path.join(repoRoot(), 'test', 'fixtures', ...parts);
}
