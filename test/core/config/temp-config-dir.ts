import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A fresh temporary directory for config files; call remove() when done. */
export class TempConfigDir {
  readonly path = fs.mkdtempSync(path.join(os.tmpdir(), 'audisp-json-config-'));

  /** Writes `text` at a path relative to the directory (creating folders), mode 0644 unless told. */
  write(relative: string, text: string, mode = 0o644): string {
    const file = path.join(this.path, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    fs.chmodSync(file, mode);
    return file;
  }

  join(relative: string): string {
    return path.join(this.path, relative);
  }

  remove(): void {
    fs.rmSync(this.path, { recursive: true, force: true });
  }
}
