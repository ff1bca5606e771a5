import 'reflect-metadata';
import { App } from './core/app';
import { ConfigError } from './core/config/config-problem';
import { loadConfig, type LoadConfigOptions } from './core/config/load-config';
import type { LoadedConfig } from './core/config/loaded-config';
import type { EarlyFormatWorker } from './core/format/early-format-worker';
import { WorkerFormatStage } from './core/format/worker-format-stage';
import { RecentProcessTable } from './core/interpret/recent-process-table';
import { StderrLogger } from './core/log/logger';
import { Stats } from './core/stats/stats';
import { VERSION } from './core/version';
import { allConfigSections, buildContainer, type ProcessServices } from './di/container';
import { TOKENS } from './di/tokens';

export interface PluginRun {
  /** --config; the search order otherwise. */
  readonly configPath: string | undefined;
  /** --input files; none (or "-") is stdin. */
  readonly inputs: readonly string[];
  /** --check-config: validate, build the sinks, exit. */
  readonly checkOnly: boolean;
  /** The formatting worker, started while this module was loading. */
  readonly early?: EarlyFormatWorker;
}

/** The plugin itself, once the command line is read: its exit code. */
export async function runPlugin(run: PluginRun): Promise<number> {
  const logger = new StderrLogger();
  const { inputs } = run;
  const live = inputs.length === 0 || inputs.includes('-');
  const services: ProcessServices = { logger, stats: new Stats() };
  const loadOptions: LoadConfigOptions = { explicitPath: run.configPath, sections: allConfigSections() };
  let config: LoadedConfig;
  try {
    config = loadConfig(loadOptions);
    // Building the graph constructs the sinks, which refuses e.g. a missing file_log directory.
    buildContainer(config, services).resolve(TOKENS.chains);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`audisp-json: bad config, not starting:\n${error.message}\n`);
    return 1;
  }
  const where = config.defaultsOnly ? `no config file found (looked at ${config.searched.join(', ')}), using defaults` : `config ${config.files.join(', ')}`;
  if (run.checkOnly) {
    process.stdout.write(`audisp-json: ${where}: OK\n`);
    return 0;
  }
  logger.info(`audisp-json ${VERSION} starting, ${where}`);
  const app = new App({
    logger,
    stats: services.stats,
    build: (loaded) => buildContainer(loaded, services),
    reload: () => loadConfig(loadOptions),
    processes: new RecentProcessTable({ live }),
    startFormatting: (options) => new WorkerFormatStage({ formatter: options, logger, early: run.early }),
  });
  await app.run(config, inputs);
  return 0;
}
