/** One thing wrong with the configuration, located as precisely as we can. */
export interface ConfigProblem {
  /** Absent when the problem is not in a file (e.g. a default value that fails validation). */
  readonly file?: string;
  readonly line?: number;
  readonly key?: string;
  readonly message: string;
}

/** `FILE:LINE: KEY: message`, leaving out the parts that are not known. */
export function formatProblem(problem: ConfigProblem): string {
  let location = problem.file ?? '';
  if (problem.file !== undefined && problem.line !== undefined) location += `:${problem.line}`;
  const parts = [location, problem.key ?? ''].filter((part) => part !== '');
  return [...parts, problem.message].join(': ');
}

/** Thrown by loadConfig with every problem found, one line per problem in the message. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly problems: readonly ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}
