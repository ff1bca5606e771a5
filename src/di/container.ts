import 'reflect-metadata';
import { container as rootContainer, type DependencyContainer } from 'tsyringe';
import { ConfigError, type ConfigProblem } from '../core/config/config-problem';
import type { ConfigSectionClass } from '../core/config/config-section';
import { CoreConfig } from '../core/config/core-config';
import type { LoadedConfig } from '../core/config/loaded-config';
import type { DeliveryChain } from '../core/delivery/delivery-chain';
import { DeliveryConfig } from '../core/delivery/delivery-config';
import { SpoolingDeliveryChain } from '../core/delivery/spooling-delivery-chain';
import { localFqdn } from '../core/hostname';
import type { Logger } from '../core/log/logger';
import { LineFraming } from '../core/mozdef/line-framing';
import { checkWrapping } from '../core/mozdef/wrap-check';
import type { Stats } from '../core/stats/stats';
import type { MozDefFormatterOptions } from '../core/mozdef/mozdef-formatter';
import { VERSION } from '../core/version';
import type { SinkContext, SinkDefinition } from '../sinks/registry';
import { selectSinks } from '../sinks/select-sinks';
import { SinkSetupError } from '../sinks/sink-setup-error';
import { BUILTIN_SINKS } from './builtin-sinks';
import { TOKENS } from './tokens';

/** Every config section of this build: together they own all valid keys. */
export function allConfigSections(): ConfigSectionClass[] {
  return [CoreConfig, DeliveryConfig, ...BUILTIN_SINKS.map((d) => d.configSection)];
}

/** Lives as long as the process, across SIGHUP reloads. */
export interface ProcessServices {
  readonly logger: Logger;
  readonly stats: Stats;
}

/**
 * Builds the object graph for one validated config. A reload builds a new child container; services
 * that must survive reloads (logger, stats) are registered by value. The formatter itself runs on a
 * worker thread (src/core/format), built there from the plain options registered here.
 */
export function buildContainer(config: LoadedConfig, services: ProcessServices): DependencyContainer {
  const c = rootContainer.createChildContainer();
  const core = config.section(CoreConfig);
  c.register(TOKENS.config, { useValue: config });
  c.register(TOKENS.coreConfig, { useValue: core });
  c.register(TOKENS.logger, { useValue: services.logger });
  c.register(TOKENS.stats, { useValue: services.stats });
  c.register(TOKENS.hostname, { useValue: core.hostname ?? localFqdn() });
  c.register(TOKENS.formatterOptions, {
    useFactory: (d): MozDefFormatterOptions => ({
      hostname: d.resolve<string>(TOKENS.hostname),
      version: VERSION,
      ignoreEmptyExecve: core.ignore_empty_execve,
      maxValueLength: core.max_value_length,
    }),
  });
  for (const definition of BUILTIN_SINKS) c.register(TOKENS.sinkDefinition, { useValue: definition });
  c.register(TOKENS.chains, { useFactory: (deps) => createChains(deps) });
  return c;
}

/** One delivery chain per selected sink; a sink that cannot be built is a config problem. */
function createChains(c: DependencyContainer): DeliveryChain[] {
  const config = c.resolve<LoadedConfig>(TOKENS.config);
  const core = c.resolve<CoreConfig>(TOKENS.coreConfig);
  const logger = c.resolve<Logger>(TOKENS.logger);
  const stats = c.resolve<Stats>(TOKENS.stats);
  const definitions = c.resolveAll<SinkDefinition>(TOKENS.sinkDefinition);
  const selection = selectSinks(config, definitions);
  if (!selection.ok) throw new ConfigError(selection.problems);
  const framing = new LineFraming(core.prepend_msg, core.postpend_msg);
  const context: SinkContext = { core, logger, stats, framing };
  const problems: ConfigProblem[] = [];
  if (core.wrap_check) {
    const wrapping = checkWrapping(framing);
    if (!wrapping.ok) problems.push(config.problemAt('prepend_msg', wrapping.error));
  }
  const chains: DeliveryChain[] = [];
  for (const definition of selection.sinks) {
    try {
      const sink = definition.create(config.section(definition.configSection), context);
      // An instance auditd stopped may still drain into the spool for shutdown_timeout: wait a bit longer.
      const spoolWaitMs = (core.shutdown_timeout + 5) * 1000;
      chains.push(new SpoolingDeliveryChain(sink, config.section(DeliveryConfig), logger, stats, spoolWaitMs));
    } catch (error) {
      if (!(error instanceof SinkSetupError)) throw error;
      problems.push(config.problemAt(error.key, error.message));
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return chains;
}
