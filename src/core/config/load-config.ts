import 'reflect-metadata';
import { validateSync, type ValidationError } from './validators';
import { ConfigError, type ConfigProblem } from './config-problem';
import { sectionKeys, type ConfigSectionClass } from './config-section';
import { configValueType } from './config-value-type';
import { convertConfigValue } from './convert-config-value';
import { findConfigFiles, type FindConfigFilesOptions } from './find-config-files';
import { LoadedConfig, type ConfigSource } from './loaded-config';
import { parseConfFile, type ConfEntry } from './parse-conf-file';
import { readConfigFile } from './read-config-file';
import { suggestKey } from './suggest-key';

export interface LoadConfigOptions extends FindConfigFilesOptions {
  /** Every section of the program (core and each sink's); together they own all valid keys. */
  readonly sections: readonly ConfigSectionClass[];
}

export type LoadConfigResult =
  | { readonly ok: true; readonly config: LoadedConfig }
  | { readonly ok: false; readonly problems: ConfigProblem[] };

/** Finds, reads, converts and validates the config; throws ConfigError listing every problem. */
export function loadConfig(options: LoadConfigOptions): LoadedConfig {
  const result = tryLoadConfig(options);
  if (!result.ok) throw new ConfigError(result.problems);
  return result.config;
}

/** Like loadConfig, with problems as a value (for SIGHUP: keep the old config, log the problems). */
export function tryLoadConfig(options: LoadConfigOptions): LoadConfigResult {
  const owners = keyOwners(options.sections);
  const found = findConfigFiles(options);
  if (!found.ok) return { ok: false, problems: found.problems };

  const problems: ConfigProblem[] = [];
  const entries: ConfEntry[] = [];
  for (const file of found.files) {
    const read = readConfigFile(file);
    if (!read.ok) {
      problems.push(read.problem);
      continue;
    }
    const parsed = parseConfFile(read.text, file);
    problems.push(...parsed.problems);
    entries.push(...parsed.entries);
  }

  // Later entries (later lines, later drop-ins) override earlier ones.
  const effective = new Map<string, ConfEntry>();
  for (const entry of entries) {
    if (owners.has(entry.key)) {
      effective.set(entry.key, entry);
    } else {
      const suggestion = suggestKey(entry.key, owners.keys());
      const hint = suggestion === undefined ? '' : `; did you mean "${suggestion}"?`;
      problems.push({ file: entry.file, line: entry.line, key: entry.key, message: `unknown key${hint}` });
    }
  }

  const sections = new Map<ConfigSectionClass, object>();
  for (const section of options.sections) {
    sections.set(section, buildSection(section, effective, problems));
  }
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems, found.files) };

  const sources = new Map<string, ConfigSource>();
  for (const [key, entry] of effective) sources.set(key, { file: entry.file, line: entry.line });
  return { ok: true, config: new LoadedConfig(found.files, found.searched, sections, sources) };
}

function buildSection(
  section: ConfigSectionClass,
  effective: ReadonlyMap<string, ConfEntry>,
  problems: ConfigProblem[],
): object {
  const instance = new section() as Record<string, unknown>;
  const unconverted = new Set<string>();
  for (const key of Object.keys(instance)) {
    const entry = effective.get(key);
    if (entry === undefined || entry.empty) continue;
    const converted = convertConfigValue(entry.value, configValueType(section, key, instance[key]));
    if (converted.ok) {
      instance[key] = converted.value;
    } else {
      unconverted.add(key);
      problems.push({ file: entry.file, line: entry.line, key, message: converted.message });
    }
  }
  // A key that could not be converted is already reported; its validator would only repeat it.
  for (const error of validateSync(instance, { forbidUnknownValues: false })) {
    if (unconverted.has(error.property)) continue;
    const entry = effective.get(error.property);
    for (const message of constraintMessages(error)) {
      problems.push(entry === undefined
        ? { key: error.property, message }
        : { file: entry.file, line: entry.line, key: error.property, message });
    }
  }
  for (const value of Object.values(instance)) if (Array.isArray(value)) Object.freeze(value);
  return Object.freeze(instance);
}

/** Keys whose values must not be echoed into the log. */
const SECRET_KEY = /password|secret|token|shared_key/i;

/** class-validator's messages start with the property name, which our format already shows. */
function constraintMessages(error: ValidationError): string[] {
  const got = SECRET_KEY.test(error.property) ? '' : ` (got ${JSON.stringify(error.value)})`;
  const messages = Object.values(error.constraints ?? {});
  if (messages.length === 0) messages.push('is invalid');
  return messages.map((message) =>
    (message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message) + got);
}

function keyOwners(sections: readonly ConfigSectionClass[]): Map<string, ConfigSectionClass> {
  const owners = new Map<string, ConfigSectionClass>();
  for (const section of sections) {
    for (const key of sectionKeys(section)) {
      const owner = owners.get(key);
      if (owner !== undefined && owner !== section) {
        throw new Error(`config key "${key}" is owned by both ${owner.name} and ${section.name}`);
      }
      owners.set(key, section);
    }
  }
  return owners;
}

/** File order, then line; problems outside any file last. Sort is stable, so ties keep their order. */
function sortProblems(problems: ConfigProblem[], files: readonly string[]): ConfigProblem[] {
  const rank = (problem: ConfigProblem): number =>
    problem.file === undefined ? files.length + 1 : files.includes(problem.file) ? files.indexOf(problem.file) : -1;
  return [...problems].sort((a, b) => rank(a) - rank(b) || (a.line ?? 0) - (b.line ?? 0));
}
