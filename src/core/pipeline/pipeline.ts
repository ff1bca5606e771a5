import { Correlator, type CorrelatorOptions } from '../audit/correlator';
import { parseRecord } from '../audit/parse-record';
import { SerialGapTracker } from '../audit/serial-gaps';
import { ProcessNamer } from '../interpret/process-namer';
import type { ProcessTable } from '../interpret/process-table';
import { RecentProcessTable } from '../interpret/recent-process-table';
import type { Logger } from '../log/logger';
import type { FormatListener, FormatStage } from '../format/format-stage';
import type { Counter, Stats } from '../stats/stats';
import type { OutboundMessage } from '../../sinks/sink';
import type { Router } from './router';

const INPUT = 'input';
/** Malformed lines are logged, but at most this many per run, so garbage cannot flood the log. */
const MAX_MALFORMED_LOGGED = 20;

/** Failures logged per run, at most: one bug must not flood the log. */
const MAX_FAILURES_LOGGED = 20;

/**
 * Lines in, messages out: parse → correlate → name processes → format → route. Parsing, correlating
 * and naming are synchronous per line, in event order; formatting may run elsewhere (a worker) and
 * hands messages back in event order. The input waits between chunks for the format stage's room and
 * the router's back-pressure (`when_full = block`).
 */
export class Pipeline implements FormatListener {
  private readonly correlator: Correlator;
  private waits: Promise<unknown>[] = [];
  private malformedLogged = 0;
  private readonly records: Counter;
  private readonly messages: Counter;
  private failuresLogged = 0;
  /** Loss before us (kernel backlog, auditd queue): serials that never arrived, per node. */
  readonly serialGaps: SerialGapTracker;

  constructor(
    options: CorrelatorOptions,
    private readonly formatting: FormatStage,
    private router: Router,
    private readonly stats: Stats,
    private readonly logger: Logger,
    processes: ProcessTable = new RecentProcessTable({ live: false }),
  ) {
    const namer = new ProcessNamer(processes);
    this.correlator = new Correlator(options, (event) => formatting.submit(namer.name(event)), stats);
    this.serialGaps = new SerialGapTracker({ stats });
    this.records = stats.counter(INPUT, 'records');
    this.messages = stats.counter('formatter', 'messages');
    formatting.connect(this);
  }

  /** SIGHUP: new sinks; open events are kept. */
  replace(router: Router): void {
    this.router = router;
  }

  handleLine(line: string): void {
    const record = parseRecord(line);
    if (typeof record !== 'string') {
      this.records.add();
      this.serialGaps.observe(record);
      this.correlator.push(record);
      return;
    }
    if (record === 'blank' || record === 'comment') {
      this.stats.count(INPUT, `skipped.${record}`);
      return;
    }
    this.stats.count(INPUT, `malformed.${record}`);
    if (this.malformedLogged++ < MAX_MALFORMED_LOGGED) {
      this.logger.warn(`not an audit record (${record}): ${JSON.stringify(line.slice(0, 200))}`);
    }
  }

  handleCutLine(): void {
    this.stats.count(INPUT, 'cut_long_line');
  }

  /** Hold the input until `until` settles (a reload swapping the sinks). */
  hold(until: Promise<unknown>): void {
    this.waits.push(until);
  }

  /**
   * End of an input chunk: hand the finished events over (unless `handOver` is false: a file being
   * replayed, whose batches go when full), then wait for room and every sink that asked.
   */
  async backpressure(handOver = true): Promise<void> {
    if (handOver) this.formatting.flush();
    const room = this.formatting.room();
    if (room) await room;
    if (this.waits.length === 0) return;
    const waits = this.waits;
    this.waits = [];
    await Promise.all(waits);
  }

  /** Wall-clock idle check (timer). */
  tick(): void {
    this.correlator.tick();
    this.formatting.flush();
  }

  /** End of input: complete every open event. */
  flush(): void {
    this.correlator.flush();
    this.formatting.flush();
  }

  /** Resolves once every finished event has been formatted and routed. */
  settle(): Promise<void> {
    return this.formatting.settle();
  }

  message(message: OutboundMessage): void {
    this.messages.add();
    const wait = this.router.route(message);
    if (wait) this.waits.push(wait);
  }

  skipped(count: number): void {
    this.stats.count('formatter', 'skipped', count);
  }

  failed(count: number, reason: string, detail: string): void {
    this.stats.count('formatter', `failed.${reason}`, count);
    if (this.failuresLogged++ < MAX_FAILURES_LOGGED) this.logger.error(`formatting failed, ${count} event(s) lost (${reason}): ${detail}`);
  }
}
