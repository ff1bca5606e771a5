import { existsSync, readdirSync, statSync } from 'node:fs';
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

/** Every file under `dir` (the corpus by default) but its `.md` notes. */
export function corpusFiles(dir = corpusDir()): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return corpusFiles(full);
    return name.endsWith('.md') ? [] : [full];
  });
}

export function fixture(...parts: string[]): string {
  return path.join(repoRoot(), 'test', 'fixtures', ...parts);
}
