import type { AuditEvent } from '../audit/audit-event';
import { Correlator, type CorrelatorOptions } from '../audit/correlator';
import { parseRecordLine } from '../audit/parse-record';
import { SerialGapTracker } from '../audit/serial-gaps';
import type { Logger } from '../log/logger';
import type { EventFormatter } from '../mozdef/event-formatter';
import type { Stats } from '../stats/stats';
import type { Router } from './router';

const INPUT = 'input';
/** Malformed lines are logged, but at most this many per run, so garbage cannot flood the log. */
const MAX_MALFORMED_LOGGED = 20;

/**
 * Lines in, messages out: parse → correlate → format → route. Synchronous per line; the only wait is
 * the router's back-pressure (`when_full = block`), which the input honours between chunks.
 */
export class Pipeline {
  private readonly correlator: Correlator;
  private waits: Promise<unknown>[] = [];
  private malformedLogged = 0;
  /** Loss before us (kernel backlog, auditd queue): serials that never arrived, per node. */
  readonly serialGaps: SerialGapTracker;

  constructor(
    options: CorrelatorOptions,
    private formatter: EventFormatter,
    private router: Router,
    private readonly stats: Stats,
    private readonly logger: Logger,
  ) {
    this.correlator = new Correlator(options, (event) => this.onEvent(event), stats);
    this.serialGaps = new SerialGapTracker({ stats });
  }

  /** SIGHUP: new formatter and sinks; open events are kept. */
  replace(formatter: EventFormatter, router: Router): void {
    this.formatter = formatter;
    this.router = router;
  }

  handleLine(line: string): void {
    const outcome = parseRecordLine(line);
    if (outcome.ok) {
      this.stats.count(INPUT, 'records');
      this.serialGaps.observe(outcome.record);
      this.correlator.push(outcome.record);
      return;
    }
    if (outcome.reason === 'blank' || outcome.reason === 'comment') {
      this.stats.count(INPUT, `skipped.${outcome.reason}`);
      return;
    }
    this.stats.count(INPUT, `malformed.${outcome.reason}`);
    if (this.malformedLogged++ < MAX_MALFORMED_LOGGED) {
      this.logger.warn(`not an audit record (${outcome.reason}): ${JSON.stringify(line.slice(0, 200))}`);
    }
  }

  handleCutLine(): void {
    this.stats.count(INPUT, 'cut_long_line');
  }

  /** Hold the input until `until` settles (a reload swapping the sinks). */
  hold(until: Promise<unknown>): void {
    this.waits.push(until);
  }

  /** Resolves when every sink that asked for back-pressure has room again. */
  async backpressure(): Promise<void> {
    if (this.waits.length === 0) return;
    const waits = this.waits;
    this.waits = [];
    await Promise.all(waits);
  }

  /** Wall-clock idle check (timer). */
  tick(): void {
    this.correlator.tick();
  }

  /** End of input: complete every open event. */
  flush(): void {
    this.correlator.flush();
  }

  private onEvent(event: AuditEvent): void {
    const message = this.formatter.format(event);
    if (!message) {
      this.stats.count('formatter', 'skipped');
      return;
    }
    this.stats.count('formatter', 'messages');
    const json = JSON.stringify(message);
    const wait = this.router.route({
      id: message.details.eventid ?? `${message.hostname}:${event.time}:${event.serial}`,
      category: message.category,
      hostname: message.hostname,
      time: Number(event.time),
      json,
    });
    if (wait) this.waits.push(wait);
  }
}
