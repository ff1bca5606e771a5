import type { AuditEvent } from './audit-event';
import { eventKey, type AuditRecord } from './audit-record';
import { isSingleRecordType } from './single-record-types';
import type { Stats } from '../stats/stats';

export interface CorrelatorOptions {
  /** An event still open this long after it started (in audit time of later records) is complete. */
  readonly endOfEventTimeoutMs: number;
  /** Bound on open events; the oldest is completed when a new one would exceed it. */
  readonly maxOpenEvents: number;
}

interface OpenEvent {
  readonly node: string | undefined;
  readonly time: string;
  readonly serial: number;
  readonly startedMs: number;
  readonly records: AuditRecord[];
}

const SCOPE = 'correlator';

/**
 * Groups records into events by (node, time:serial). An event is complete on EOE, at once for
 * single-record types, when later records show it has been open longer than the timeout (audit time,
 * so replays are deterministic), when the feed has been idle for a timeout (`tick`, wall clock:
 * network-forwarded feeds carry no EOE), or when the bound on open events is hit. Events may interleave
 * and arrive out of order. Knows nothing of outputs: finished events go to `emit`.
 */
export class Correlator {
  private readonly open = new Map<string, OpenEvent>();
  private latestAuditMs = 0;
  private recordsSinceTick = 0;

  constructor(
    private readonly options: CorrelatorOptions,
    private readonly emit: (event: AuditEvent) => void,
    private readonly stats: Stats,
  ) {}

  get openEvents(): number {
    return this.open.size;
  }

  push(record: AuditRecord): void {
    this.recordsSinceTick++;
    const auditMs = Number(record.time) * 1000;
    if (auditMs > this.latestAuditMs) this.latestAuditMs = auditMs;
    const key = eventKey(record);

    if (record.type === 'EOE') {
      const event = this.open.get(key);
      if (event) this.complete(key, event, 'closed_eoe');
      else this.stats.count(SCOPE, 'eoe_without_event');
    } else if (isSingleRecordType(record.type) && !this.open.has(key)) {
      this.stats.count(SCOPE, 'closed_single');
      this.emit({ node: record.node, time: record.time, serial: record.serial, records: [record] });
    } else {
      let event = this.open.get(key);
      if (!event) {
        if (this.open.size >= this.options.maxOpenEvents) this.completeOldest('closed_bound');
        event = { node: record.node, time: record.time, serial: record.serial, startedMs: auditMs, records: [] };
        this.open.set(key, event);
      }
      event.records.push(record);
    }
    this.expire();
  }

  /** Wall-clock check, called every end_of_event_timeout: a feed idle since the last tick flushes all. */
  tick(): void {
    if (this.recordsSinceTick === 0) this.flush('closed_idle');
    this.recordsSinceTick = 0;
  }

  /** Complete every open event (EOF, shutdown, idle). */
  flush(reason = 'closed_flush'): void {
    for (const [key, event] of this.open) this.complete(key, event, reason);
  }

  private expire(): void {
    const deadline = this.latestAuditMs - this.options.endOfEventTimeoutMs;
    for (const [key, event] of this.open) {
      if (event.startedMs >= deadline) return;
      this.complete(key, event, 'closed_timeout');
    }
  }

  private completeOldest(reason: string): void {
    const oldest = this.open.entries().next();
    if (!oldest.done) this.complete(oldest.value[0], oldest.value[1], reason);
  }

  private complete(key: string, event: OpenEvent, reason: string): void {
    this.open.delete(key);
    this.stats.count(SCOPE, reason);
    this.emit({ node: event.node, time: event.time, serial: event.serial, records: event.records });
  }
}
