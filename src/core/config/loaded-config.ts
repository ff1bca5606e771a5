import type { ConfigSectionClass } from './config-section';
import type { ConfigProblem } from './config-problem';

/** Where a key's value was written. */
export interface ConfigSource {
  readonly file: string;
  readonly line: number;
}

/** A validated configuration: one frozen instance per section, and where each set key came from. */
export class LoadedConfig {
  constructor(
    /** The files read, main file first then drop-ins; empty when no file was found. */
    readonly files: readonly string[],
    /** The paths looked at for the main file (for "no config file found in ..."). */
    readonly searched: readonly string[],
    private readonly sections: ReadonlyMap<ConfigSectionClass, object>,
    private readonly sources: ReadonlyMap<string, ConfigSource>,
  ) {}

  /** True when no config file exists: every key has its default. */
  get defaultsOnly(): boolean {
    return this.files.length === 0;
  }

  /** The section's values. Frozen: the same instance is handed to everyone who asks. */
  section<T extends object>(section: ConfigSectionClass<T>): T {
    const instance = this.sections.get(section);
    if (instance === undefined) throw new Error(`config section ${section.name} was not loaded`);
    return instance as T;
  }

  /** The file and line that set `key`, or undefined when it has its default. */
  sourceOf(key: string): ConfigSource | undefined {
    return this.sources.get(key);
  }

  /** A problem found after loading (e.g. file_log's directory is missing), located like the loader's. */
  problemAt(key: string, message: string): ConfigProblem {
    const source = this.sources.get(key);
    return source === undefined ? { key, message } : { file: source.file, line: source.line, key, message };
  }
}
