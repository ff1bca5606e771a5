/** Log lines go to stderr, which auditd passes on to its own log / the journal. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const LEVEL_ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export class StderrLogger implements Logger {
  constructor(
    private level: LogLevel = 'info',
    private readonly write: (line: string) => void = (line) => process.stderr.write(line),
  ) {}

  setLevel(level: LogLevel): void {
    this.level = level;
  }

  debug(message: string): void { this.log('debug', message); }
  info(message: string): void { this.log('info', message); }
  warn(message: string): void { this.log('warn', message); }
  error(message: string): void { this.log('error', message); }

  private log(level: LogLevel, message: string): void {
    if (LEVEL_ORDER[level] < LEVEL_ORDER[this.level]) return;
    this.write(`audisp-json[${process.pid}]: ${level}: ${message}\n`);
  }
}

/** Keeps lines in memory; for tests. */
export class MemoryLogger implements Logger {
  readonly lines: string[] = [];
  debug(message: string): void { this.lines.push(`debug: ${message}`); }
  info(message: string): void { this.lines.push(`info: ${message}`); }
  warn(message: string): void { this.lines.push(`warn: ${message}`); }
  error(message: string): void { this.lines.push(`error: ${message}`); }
}
