import { parseArgs } from 'node:util';
import { EarlyFormatWorker } from './core/format/early-format-worker';
import { VERSION } from './core/version';
import { INSTALL_USAGE } from './install/install-usage';

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

  const checkOnly = values['check-config'] === true;
  // Started before the imports of the run, which take most of our start: its boot overlaps them.
  const early = checkOnly ? undefined : new EarlyFormatWorker();
  const { runPlugin } = await import('./run-plugin');
  return runPlugin({ configPath: values.config, inputs: values.input ?? [], checkOnly, early });
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
