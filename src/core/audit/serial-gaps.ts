import type { AuditRecord } from './audit-record';
import { ownCopy } from './own-copy';
import type { Stats } from '../stats/stats';

/**
 * Loss accounting: the kernel numbers its events per boot (u32 serial, shared by every record of an
 * event); a serial that never reaches us was lost before us (kernel backlog overflow, auditd's queue,
 * the network). Events arrive out of order and seconds late (seen here: after 250 later ones), so a
 * missing serial is declared lost only once the highest serial seen has moved `window` past it.
 *
 * - u32 wrap-around: serials are compared modulo 2^32 and kept internally as an unbounded counter.
 * - restarts (reboot of the node): a serial far behind the highest one, with a newer or equal audit
 *   time, or more than `restartDistance` behind, starts the node's count afresh.
 * - `DAEMON_*` records carry auditd's own counter, not the kernel's: ignored.
 * Memory is bounded: at most `window` pending serials per node, `maxNodes` nodes.
 */

const U32 = 2 ** 32;
const HALF = 2 ** 31;

export interface SerialGapOptions {
  /** How far (in serials) an event may arrive behind later ones before it is counted lost. */
  readonly window?: number;
  /** A serial this far behind the highest is a restart whatever its time says. */
  readonly restartDistance?: number;
  /** How many runs of lost serials to keep as examples. */
  readonly maxExamples?: number;
  readonly maxNodes?: number;
  /** Counters (`serials.lost`, `serials.late`, `serials.restarts`, `serials.nodes_over_limit`) go here. */
  readonly stats?: Stats;
  readonly scope?: string;
}

export interface LostRun {
  readonly node: string;
  /** First and last serial of a run of consecutive lost serials, as the kernel wrote them (u32). */
  readonly first: number;
  readonly last: number;
}

export interface SerialGapReport {
  readonly lost: number;
  /** Missing serials still inside the window: they may yet arrive. */
  readonly pending: number;
  /** Serials that arrived after they had been counted lost. */
  readonly late: number;
  readonly restarts: number;
  readonly examples: readonly LostRun[];
}

interface NodeState {
  highest: number;
  highestTime: number | undefined;
  /** Missing serials within the window, ascending (insertion order). */
  readonly pending: Map<number, true>;
}

export class SerialGapTracker {
  private readonly window: number;
  private readonly restartDistance: number;
  private readonly maxExamples: number;
  private readonly maxNodes: number;
  private readonly stats: Stats | undefined;
  private readonly scope: string;
  private readonly nodes = new Map<string, NodeState>();
  private readonly examples: { node: string; first: number; last: number }[] = [];
  private lost = 0;
  private late = 0;
  private restarts = 0;

  constructor(options: SerialGapOptions = {}) {
    this.window = options.window ?? 1000;
    this.restartDistance = options.restartDistance ?? 1_000_000;
    this.maxExamples = options.maxExamples ?? 10;
    this.maxNodes = options.maxNodes ?? 1024;
    this.stats = options.stats;
    this.scope = options.scope ?? 'audit';
  }

  observe(record: Pick<AuditRecord, 'node' | 'serial' | 'type' | 'time'>): void {
    if (record.type.startsWith('DAEMON_')) return;
    const node = record.node ?? '';
    const serial = record.serial >>> 0;
    const state = this.nodes.get(node);
    if (state !== undefined && serial === state.highest % U32) return; // another record of the newest event
    const time = Number.parseFloat(record.time);
    const at = Number.isFinite(time) ? time : undefined;
    if (state === undefined) {
      if (this.nodes.size >= this.maxNodes) return void this.count('serials.nodes_over_limit');
      this.nodes.set(ownCopy(node), { highest: serial, highestTime: at, pending: new Map() });
      return;
    }
    const ahead = (serial - (state.highest % U32) + U32) % U32;
    if (ahead < HALF) return this.advance(node, state, state.highest + ahead, at);
    const behind = U32 - ahead;
    if (behind <= this.window) {
      state.pending.delete(state.highest - behind); // reordered, within the window: fine
      return;
    }
    const newer = at !== undefined && state.highestTime !== undefined && at >= state.highestTime;
    if (newer || behind > this.restartDistance) return this.restart(node, state, serial, at);
    this.late += 1;
    this.count('serials.late');
  }

  report(): SerialGapReport {
    let pending = 0;
    for (const state of this.nodes.values()) pending += state.pending.size;
    return { lost: this.lost, pending, late: this.late, restarts: this.restarts, examples: this.examples.map(toRun) };
  }

  /** One line for the stats log: `lost=3 pending=0 late=0 restarts=0 examples=web1:50-52`. */
  formatReport(): string {
    const r = this.report();
    const runs = r.examples.map((e) => `${e.node || '-'}:${e.first === e.last ? e.first : `${e.first}-${e.last}`}`);
    return `lost=${r.lost} pending=${r.pending} late=${r.late} restarts=${r.restarts}${runs.length ? ` examples=${runs.join(',')}` : ''}`;
  }

  private advance(node: string, state: NodeState, highest: number, at: number | undefined): void {
    const cutoff = highest - this.window; // serials at or below this are out of the window
    const from = state.highest + 1;
    const to = highest - 1;
    if (from <= Math.min(to, cutoff)) this.declareLost(node, from, Math.min(to, cutoff));
    for (let s = Math.max(from, cutoff + 1); s <= to; s++) state.pending.set(s, true);
    for (const s of state.pending.keys()) {
      if (s > cutoff) break;
      state.pending.delete(s);
      this.declareLost(node, s, s);
    }
    state.highest = highest;
    if (at !== undefined) state.highestTime = at;
  }

  private restart(node: string, state: NodeState, serial: number, at: number | undefined): void {
    // What was still pending belongs to the previous boot and will not come any more.
    for (const s of state.pending.keys()) this.declareLost(node, s, s);
    this.nodes.set(node, { highest: serial, highestTime: at, pending: new Map() });
    this.restarts += 1;
    this.count('serials.restarts');
  }

  private declareLost(node: string, first: number, last: number): void {
    const n = last - first + 1;
    this.lost += n;
    this.count('serials.lost', n);
    const prev = this.examples[this.examples.length - 1];
    if (prev !== undefined && prev.node === node && prev.last + 1 === first) prev.last = last;
    else if (this.examples.length < this.maxExamples) this.examples.push({ node: ownCopy(node), first, last });
  }

  private count(name: string, n = 1): void {
    this.stats?.count(this.scope, name, n);
  }
}

function toRun(e: { node: string; first: number; last: number }): LostRun {
  return { node: e.node, first: e.first % U32, last: e.last % U32 };
}
