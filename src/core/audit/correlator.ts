import type { AuditEvent } from './audit-event';
import { eventKey, type AuditRecord } from './audit-record';
import { isSingleRecordType } from './single-record-types';
import type { Counter, Stats } from '../stats/stats';

export interface CorrelatorOptions {
  /** An event still open this long after it started (in audit time of later records) is complete. */
  readonly endOfEventTimeoutMs: number;
  /** Bound on open events; the oldest is completed when a new one would exceed it. */
  readonly maxOpenEvents: number;
}

interface OpenEvent {
  /** Its key in `open`; made when it goes there. */
  key: string | undefined;
  readonly node: string | undefined;
  readonly time: string;
  readonly serial: number;
  /** The feed's audit clock when the event's first record came (not the event's own time: see push). */
  readonly startedMs: number;
  /** The wall-clock tick period it opened in. */
  readonly openedTick: number;
  readonly records: AuditRecord[];
}

const SCOPE = 'correlator';

/**
 * Groups records into events by (node, time:serial). An event is complete on EOE, at once for
 * single-record types, when later records show it has been open longer than the timeout (audit time,
 * so replays are deterministic), when the feed has been idle for a timeout (`tick`, wall clock:
 * network-forwarded feeds carry no EOE), or when the bound on open events is hit. Events may interleave
 * and arrive out of order. Knows nothing of outputs: finished events go to `emit`.
 *
 * The audit clock is the latest time any record showed, and an event's age is counted from the clock
 * when its first record came, not from its own time: another node's clock may be minutes behind
 * (distribute_network), a clock set back makes every new event look old, and so does an older log
 * replayed after a newer one. Counted from its own time, any of these closed interleaved events
 * before their last records came, one event making two messages. When the audit clock stands still
 * while records keep coming (set back, a replay of files out of order), ticks stand in for it: an
 * event open for a whole tick period is complete.
 */
export class Correlator {
  /** Open events by key, oldest first; all but `fresh`. */
  private readonly open = new Map<string, OpenEvent>();
  /**
   * The event opened last, kept out of `open` until a record of another event arrives: most events'
   * records come together and end with EOE, so most events never touch the map (a key string, a set,
   * a delete and, every few events, a new hash table each). It is the newest event, so it goes to the
   * end of `open` and the order stays oldest first. When set, it is also `last`.
   */
  private fresh: OpenEvent | undefined;
  private latestAuditMs = 0;
  private recordsSinceTick = 0;
  // Records of one event mostly arrive together: remember the last event and time to skip the lookups.
  private last: OpenEvent | undefined;
  private lastTime = '';
  private lastAuditMs = 0;
  /** The deadline moved or the oldest event may have gone: look for timed-out events. */
  private expireDue = false;
  /** Wall-clock tick periods so far, and the audit clock at the last tick. */
  private ticks = 0;
  private latestAtTick = 0;
  /** How events were completed, counted per event. */
  private readonly closedEoe: Counter;
  private readonly closedSingle: Counter;
  private readonly closedTimeout: Counter;
  private readonly closedBound: Counter;
  private readonly closedStalled: Counter;

  constructor(
    private readonly options: CorrelatorOptions,
    private readonly emit: (event: AuditEvent) => void,
    private readonly stats: Stats,
  ) {
    this.closedEoe = stats.counter(SCOPE, 'closed_eoe');
    this.closedSingle = stats.counter(SCOPE, 'closed_single');
    this.closedTimeout = stats.counter(SCOPE, 'closed_timeout');
    this.closedBound = stats.counter(SCOPE, 'closed_bound');
    this.closedStalled = stats.counter(SCOPE, 'closed_clock_stalled');
  }

  get openEvents(): number {
    return this.open.size + (this.fresh === undefined ? 0 : 1);
  }

  push(record: AuditRecord): void {
    this.recordsSinceTick++;
    if (record.time !== this.lastTime) {
      this.lastTime = record.time;
      this.lastAuditMs = Number(record.time) * 1000;
      if (this.lastAuditMs > this.latestAuditMs) {
        this.latestAuditMs = this.lastAuditMs;
        this.expireDue = true;
      }
    }
    const last = this.last;
    let event: OpenEvent | undefined;
    let key: string | undefined;
    if (last !== undefined && last.serial === record.serial && last.time === record.time && last.node === record.node) {
      event = last;
    } else {
      this.parkFresh();
      if (this.open.size > 0) event = this.open.get((key = eventKey(record)));
    }

    if (record.type === 'EOE') {
      if (event) this.complete(event, this.closedEoe);
      else this.stats.count(SCOPE, 'eoe_without_event');
    } else if (!event && isSingleRecordType(record.type)) {
      this.closedSingle.add();
      this.emit({ node: record.node, time: record.time, serial: record.serial, records: [record] });
    } else {
      if (!event) {
        if (this.openEvents >= this.options.maxOpenEvents) this.completeOldest(this.closedBound);
        event = { key, node: record.node, time: record.time, serial: record.serial, startedMs: this.latestAuditMs, openedTick: this.ticks, records: [] };
        this.fresh = event;
      }
      event.records.push(record);
      this.last = event;
    }
    if (this.expireDue) this.expire();
  }

  /**
   * Wall-clock check, called every end_of_event_timeout: a feed idle since the last tick flushes all;
   * a feed whose audit clock stood still since the last tick completes the events open before it.
   */
  tick(): void {
    if (this.recordsSinceTick === 0) this.flush('closed_idle');
    else if (this.latestAuditMs === this.latestAtTick) this.completeOpenedBefore(this.ticks);
    this.recordsSinceTick = 0;
    this.latestAtTick = this.latestAuditMs;
    this.ticks++;
  }

  /** Complete every open event (EOF, shutdown, idle). */
  flush(reason = 'closed_flush'): void {
    if (this.openEvents === 0) return;
    const counter = this.stats.counter(SCOPE, reason);
    for (const event of this.open.values()) this.complete(event, counter);
    if (this.fresh !== undefined) this.complete(this.fresh, counter);
  }

  /** `fresh` joins the other open events: a record of another event came. */
  private parkFresh(): void {
    const fresh = this.fresh;
    if (fresh === undefined) return;
    fresh.key ??= eventKey(fresh);
    this.open.set(fresh.key, fresh);
    this.fresh = undefined;
  }

  private expire(): void {
    const deadline = this.latestAuditMs - this.options.endOfEventTimeoutMs;
    let allOverdue = true;
    if (this.open.size > 0) {
      for (const event of this.open.values()) {
        if (event.startedMs >= deadline) {
          allOverdue = false;
          break;
        }
        this.complete(event, this.closedTimeout);
      }
    }
    if (allOverdue && this.fresh !== undefined && this.fresh.startedMs < deadline) this.complete(this.fresh, this.closedTimeout);
    this.expireDue = false;
  }

  /** Completes the events opened before tick period `tick` (oldest first, as `open` keeps them). */
  private completeOpenedBefore(tick: number): void {
    for (const event of this.open.values()) {
      if (event.openedTick >= tick) return;
      this.complete(event, this.closedStalled);
    }
    if (this.fresh !== undefined && this.fresh.openedTick < tick) this.complete(this.fresh, this.closedStalled);
  }

  private completeOldest(counter: Counter): void {
    const oldest = this.open.size > 0 ? this.open.values().next().value : this.fresh;
    if (oldest !== undefined) this.complete(oldest, counter);
  }

  private complete(event: OpenEvent, counter: Counter): void {
    if (event === this.fresh) this.fresh = undefined;
    else this.open.delete(event.key!);
    if (this.last === event) this.last = undefined;
    this.expireDue = true; // the next oldest may be overdue already
    counter.add();
    this.emit({ node: event.node, time: event.time, serial: event.serial, records: event.records });
  }
}
