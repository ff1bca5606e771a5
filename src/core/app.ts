import type { DependencyContainer } from 'tsyringe';
import { formatProblem, ConfigError } from './config/config-problem';
import { CoreConfig } from './config/core-config';
import type { LoadedConfig } from './config/loaded-config';
import type { DeliveryChain } from './delivery/delivery-chain';
import type { FormatStage } from './format/format-stage';
import { InputFile, InputStopped } from './input/input-file';
import { FILE_READ_BYTES, readFeed } from './input/read-feed';
import type { ProcessTable } from './interpret/process-table';
import type { LogLevel, StderrLogger } from './log/logger';
import type { MozDefFormatterOptions } from './mozdef/mozdef-formatter';
import { Pipeline } from './pipeline/pipeline';
import { Router } from './pipeline/router';
import type { Stats } from './stats/stats';
import { StatsReporter } from './stats/stats-reporter';
import { TOKENS } from '../di/tokens';

/** One config's worth of objects: rebuilt on SIGHUP. */
interface Runtime {
  readonly core: CoreConfig;
  readonly formatterOptions: MozDefFormatterOptions;
  readonly chains: readonly DeliveryChain[];
}

export interface AppDependencies {
  readonly logger: StderrLogger;
  readonly stats: Stats;
  /** Builds the object graph of a validated config (src/di/container.ts). */
  readonly build: (config: LoadedConfig) => DependencyContainer;
  /** Re-reads the config (SIGHUP); throws ConfigError. */
  readonly reload: () => LoadedConfig;
  /** pid → executable, kept across reloads; reads /proc when the feed is live. */
  readonly processes: ProcessTable;
  /** Starts the format stage (a worker thread); `reload` takes new options and reads user names again. */
  readonly startFormatting: (options: MozDefFormatterOptions) => ReloadableFormatStage;
}

export interface ReloadableFormatStage extends FormatStage {
  reload(options: MozDefFormatterOptions): void;
}

/**
 * The lifecycle: start the sinks, read every input through the pipeline, then flush and drain.
 * SIGHUP reloads (a bad config is refused and the old one kept), SIGUSR1 logs the counters,
 * SIGTERM/SIGINT stop reading and shut down like EOF. Never exits because a sink fails.
 */
export class App {
  private runtime!: Runtime;
  private pipeline!: Pipeline;
  private formatting!: ReloadableFormatStage;
  private stopReading: (() => void) | undefined;
  private stopping = false;
  private reloading: Promise<void> | undefined;
  private reporter!: StatsReporter;

  constructor(private readonly deps: AppDependencies) {}

  /** `inputs` empty means stdin. Resolves when everything is delivered or spilled. */
  async run(config: LoadedConfig, inputs: readonly string[]): Promise<void> {
    this.runtime = this.createRuntime(config);
    const core = this.runtime.core;
    await Promise.all(this.runtime.chains.map((chain) => chain.start()));
    // Started after the chains, so that nothing can fail between here and the `finally` that ends it.
    this.formatting = this.deps.startFormatting(this.runtime.formatterOptions);
    this.pipeline = new Pipeline(
      { endOfEventTimeoutMs: core.end_of_event_timeout * 1000, maxOpenEvents: core.max_open_events },
      this.formatting,
      new Router(this.runtime.chains),
      this.deps.stats,
      this.deps.logger,
      this.deps.processes,
    );
    const detach = this.attachSignals();
    const idle = setInterval(() => this.reloading || this.pipeline.tick(), core.end_of_event_timeout * 1000);
    idle.unref();
    this.reporter = new StatsReporter(this.deps.stats, this.deps.logger, core.stats_interval, () => this.lossWarnings());
    this.reporter.start();
    try {
      for (const input of inputs.length > 0 ? inputs : ['-']) {
        if (this.stopping) break;
        await this.readInput(input);
      }
      await this.reloading;
      this.pipeline.flush();
      await this.pipeline.settle();
      const deadline = Date.now() + this.runtime.core.shutdown_timeout * 1000;
      await Promise.all(this.runtime.chains.map((chain) => chain.shutdown(deadline)));
    } finally {
      clearInterval(idle);
      await this.formatting.close();
      this.reporter.stop();
      detach();
      this.reporter.report();
    }
  }

  private async readInput(input: string): Promise<void> {
    const file = input === '-' ? undefined : new InputFile(input, FILE_READ_BYTES);
    this.stopReading = () => (file === undefined ? process.stdin.destroy() : file.stop());
    try {
      const source = file === undefined ? process.stdin : file.chunks();
      await readFeed(source, this.pipeline, { format: this.runtime.core.format as 'string' | 'binary', stats: this.deps.stats, logger: this.deps.logger, replay: file !== undefined });
    } catch (error) {
      const stopped = error instanceof InputStopped || (error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE';
      if (!this.stopping || !stopped) {
        this.deps.logger.error(`input ${input === '-' ? 'stdin' : input}: ${(error as Error).message}`);
        this.deps.stats.count('input', 'read_errors');
      }
    } finally {
      this.stopReading = undefined;
    }
  }

  private createRuntime(config: LoadedConfig): Runtime {
    const container = this.deps.build(config);
    const core = container.resolve<CoreConfig>(TOKENS.coreConfig);
    this.deps.logger.setLevel(core.log_level as LogLevel);
    return {
      core,
      formatterOptions: container.resolve<MozDefFormatterOptions>(TOKENS.formatterOptions),
      chains: container.resolve<DeliveryChain[]>(TOKENS.chains),
    };
  }

  private attachSignals(): () => void {
    const onHup = () => {
      if (this.reloading) return;
      this.reloading = this.reload().finally(() => (this.reloading = undefined));
      this.pipeline.hold(this.reloading);
    };
    const onUsr1 = () => this.reporter.report();
    const onStop = (signal: string) => {
      this.deps.logger.info(`${signal}: stopping`);
      this.stopping = true;
      this.stopReading?.();
    };
    const onTerm = () => onStop('SIGTERM');
    const onInt = () => onStop('SIGINT');
    process.on('SIGHUP', onHup);
    process.on('SIGUSR1', onUsr1);
    process.on('SIGTERM', onTerm);
    process.on('SIGINT', onInt);
    return () => {
      process.off('SIGHUP', onHup);
      process.off('SIGUSR1', onUsr1);
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
    };
  }

  /** New config → new formatter and chains; the old chains drain (or spill) first, open events stay. */
  private async reload(): Promise<void> {
    let next: Runtime;
    try {
      next = this.createRuntime(this.deps.reload());
    } catch (error) {
      const problems = error instanceof ConfigError ? error.problems.map(formatProblem).join('; ') : (error as Error).message;
      this.deps.logger.error(`SIGHUP: new config refused, keeping the old one: ${problems}`);
      this.deps.logger.setLevel(this.runtime.core.log_level as LogLevel);
      return;
    }
    // Events finished under the old config go to the old chains; the input is held meanwhile.
    await this.pipeline.settle();
    this.formatting.reload(next.formatterOptions);
    // Spill at once rather than drain: a dead sink must not hold the input for shutdown_timeout.
    // The new chains replay the spool first (never run two chains on one spool at the same time).
    await Promise.all(this.runtime.chains.map((chain) => chain.shutdown(Date.now())));
    await Promise.all(next.chains.map((chain) => chain.start()));
    this.runtime = next;
    this.pipeline.replace(new Router(next.chains));
    this.deps.logger.info('SIGHUP: config reloaded, files reopened');
  }

  /** Loss before us (kernel backlog, auditd: serials that never arrived) and in formatting. */
  private lossWarnings(): string[] {
    const warnings: string[] = [];
    const gaps = this.pipeline.serialGaps.report();
    if (gaps.lost > 0 || gaps.restarts > 0) warnings.push(`serials that never arrived: ${this.pipeline.serialGaps.formatReport()}`);
    // Every `failed.<reason>` the formatter counted, whatever the reason.
    const failed = Object.entries(this.deps.stats.snapshot().formatter ?? {})
      .filter(([name, n]) => name.startsWith('failed.') && n > 0)
      .map(([name, n]) => `${name.slice('failed.'.length)}=${n}`);
    if (failed.length > 0) warnings.push(`events lost in formatting: ${failed.join(' ')}`);
    return warnings;
  }
}
