import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min, IsNumber } from './validators';

/** Keys of the pipeline itself (input, correlation, formatting, logging). Sinks own their keys. */
export class CoreConfig {
  /** Enabled outputs, e.g. `mozdef, kafka`. Unset: `file` when `file_log` is set, else `mozdef` when `mozdef_url` is set, else `stdout`. */
  @IsOptional() @IsString({ each: true })
  sinks: string[] | undefined = undefined;

  /** `hostname` of every message; unset means this host's FQDN. */
  @IsOptional() @IsString()
  hostname: string | undefined = undefined;

  /** Plugin feed framing: `string` (one record per line) or `binary` (audit_dispatcher_header). */
  @IsIn(['string', 'binary'])
  format = 'string';

  /** Seconds an event may stay open without EOE (audit time, and wall-clock idle). */
  @IsNumber() @Min(0.01) @Max(3600)
  end_of_event_timeout = 2;

  /** Bound on events being assembled; the oldest is flushed when it is hit. */
  @IsInt() @Min(1)
  max_open_events = 10000;

  /** Skip execve events that have no EXECVE record (the C original's build default). */
  @IsBoolean()
  ignore_empty_execve = true;

  /** Longest `details` value or summary (UTF-16 code units); longer ones end with `...[cut N bytes]`. */
  @IsInt() @Min(256)
  max_value_length = 16384;

  /** Text written before / after each message on line outputs (file, stdout, optionally HTTP). */
  @IsString()
  prepend_msg = '';

  @IsString()
  postpend_msg = '';

  /** Refuse to start when prepend_msg + message + postpend_msg is not valid JSON (see docs/wrappers.md). */
  @IsBoolean()
  wrap_check = false;

  /** Seconds between counter reports in the log (0 = only on SIGUSR1). */
  @IsNumber() @Min(0)
  stats_interval = 60;

  /** Seconds allowed to drain the sinks on SIGTERM / EOF. */
  @IsNumber() @Min(0)
  shutdown_timeout = 10;

  @IsIn(['debug', 'info', 'warn', 'error'])
  log_level = 'info';
}
