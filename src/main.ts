import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { App } from './core/app';
import { ConfigError } from './core/config/config-problem';
import { loadConfig, type LoadConfigOptions } from './core/config/load-config';
import type { LoadedConfig } from './core/config/loaded-config';
import { StderrLogger } from './core/log/logger';
import { Stats } from './core/stats/stats';
import { VERSION } from './core/version';
import { INSTALL_USAGE } from './install/install-usage';
import { allConfigSections, buildContainer, type ProcessServices } from './di/container';
import { TOKENS } from './di/tokens';
import { WorkerFormatStage } from './core/format/worker-format-stage';
import { RecentProcessTable } from './core/interpret/recent-process-table';

const USAGE = `Usage: audisp-json [options]
Reads auditd's plugin feed on stdin (or replays audit.log files) and delivers one MozDef JSON message
per audit event to the configured sinks (file, stdout, mozdef, fluentd, kafka).

Options:
  --config FILE     config file (default: /etc/audit/audisp-json.conf, /etc/audisp/audisp-json.conf,
                    ./audisp-json.conf, first found; drop-ins in audisp-json.d/ beside it)
  --input FILE      replay an audit.log file instead of stdin; repeatable; "-" is stdin
  --check-config    validate the config (and that the sinks can be built), then exit
  --version         print the version
  --help            this text

${INSTALL_USAGE}

Signals: HUP reloads the config and reopens files, USR1 logs the counters, TERM/INT drain and exit.
`;

/** The only place that decides the exit code. */
async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'install' || argv[0] === 'uninstall') {
    const io = { out: (line: string) => process.stdout.write(`${line}\n`), err: (line: string) => process.stderr.write(`${line}\n`) };
    // Loaded only here: the plugin's own start should not pay for the installer (15 ms).
    const { runInstall, runUninstall } = await import('./install/install-command');
    return argv[0] === 'install' ? runInstall(argv.slice(1), io) : runUninstall(argv.slice(1), io);
  }
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        config: { type: 'string' },
        input: { type: 'string', multiple: true },
        'check-config': { type: 'boolean' },
        version: { type: 'boolean' },
        help: { type: 'boolean' },
      },
      allowPositionals: false,
    });
  } catch (error) {
    process.stderr.write(`audisp-json: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values } = args;
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`audisp-json ${VERSION}\n`);
    return 0;
  }

  const logger = new StderrLogger();
  const inputs = values.input ?? [];
  const live = inputs.length === 0 || inputs.includes('-');
  const services: ProcessServices = { logger, stats: new Stats() };
  const loadOptions: LoadConfigOptions = { explicitPath: values.config, sections: allConfigSections() };
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
  if (values['check-config']) {
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
    startFormatting: (options) => new WorkerFormatStage({ formatter: options, logger }),
  });
  await app.run(config, inputs);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`audisp-json: fatal: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 70;
  },
);
