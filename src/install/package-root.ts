import { existsSync } from 'node:fs';
import path from 'node:path';

/** The installed program's root (the first ancestor holding package.json): the checkout, or /usr/lib/audisp-json. */
export function packageRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}
