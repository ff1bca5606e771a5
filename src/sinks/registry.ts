import type { ConfigSectionClass } from '../core/config/config-section';
import type { CoreConfig } from '../core/config/core-config';
import type { Logger } from '../core/log/logger';
import type { Stats } from '../core/stats/stats';
import type { LineFraming } from '../core/mozdef/line-framing';
import type { Sink } from './sink';

/** What a sink gets besides its own config section. */
export interface SinkContext {
  readonly core: CoreConfig;
  readonly logger: Logger;
  readonly stats: Stats;
  /** prepend_msg / postpend_msg for line-oriented outputs. */
  readonly framing: LineFraming;
}

/** One output kind: its config section and how to build it. Registered in src/di/builtin-sinks.ts. */
export interface SinkDefinition<C extends object = object> {
  /** Name used in `sinks = ...`. */
  readonly name: string;
  readonly configSection: ConfigSectionClass<C>;
  /** Whether the config names this sink's destination (used when `sinks` is not set). */
  isConfigured(config: C): boolean;
  create(config: C, context: SinkContext): Sink;
}
