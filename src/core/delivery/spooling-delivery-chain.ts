import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { delivered, type OutboundMessage, type SendResult, type Sink } from '../../sinks/sink';
import type { Logger } from '../log/logger';
import type { Counter, Stats } from '../stats/stats';
import { Backoff } from './backoff';
import { DeadLetterFile } from './dead-letter';
import type { DeliveryChain } from './delivery-chain';
import type { DeliveryConfig } from './delivery-config';
import { RateLimitedLog } from './rate-limited-log';
import { Spool, type SpoolPosition } from './spool';
import { SpoolLock } from './spool-lock';

type Batch =
  | { readonly source: 'memory'; readonly messages: OutboundMessage[] }
  | { readonly source: 'spool'; readonly messages: OutboundMessage[]; readonly end: SpoolPosition; readonly corrupt: number };

interface Waiter { readonly message: OutboundMessage; readonly resolve: () => void }

/** Messages the sink refused, and why. */
interface Rejected { readonly messages: readonly OutboundMessage[]; readonly error: Error }

/** How often awaitSpool looks whether the other process has let the spool go. */
const SPOOL_POLL_MS = 100;

/** Memory bound when queue_max_messages is 0 (write-ahead) but there is no spool to write ahead to. */
const MEMORY_ONLY_DEFAULT = 10_000;

/**
 * queue ► spill ► retry ► send, for one sink. Memory holds the oldest messages; once anything is in the
 * spool, new messages go to the spool too, so the order is kept (memory first, then spool). A message
 * leaves memory or the spool only after the sink said `delivered` (or `rejected`: dead-letter file).
 * One sender loop per chain, so a slow sink only ever delays itself.
 */
export class SpoolingDeliveryChain implements DeliveryChain {
  private readonly memory: OutboundMessage[] = [];
  private readonly waiters: Waiter[] = [];
  private spool: Spool | undefined;
  private readonly deadLetter: DeadLetterFile;
  private readonly backoff: Backoff;
  private readonly drops: RateLimitedLog;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private draining = false;
  private closed = false;
  private deadline = Infinity;
  private downSince: number | undefined;
  private shutdownPromise: Promise<void> | undefined;
  /** When the current undersized memory batch started lingering. */
  private lingerSince: number | undefined;
  private memoryMax: number;
  private spoolOpened = false;
  private readonly received: Counter;

  constructor(
    private readonly sink: Sink,
    private readonly config: DeliveryConfig,
    private readonly logger: Logger,
    private readonly stats: Stats,
    /** How long start() waits for a spool that another process holds (see awaitSpool). */
    private readonly spoolWaitMs = 0,
  ) {
    this.backoff = new Backoff(config.retry_initial_delay * 1000, config.retry_max_delay * 1000);
    this.drops = new RateLimitedLog(logger);
    this.memoryMax = config.queue_max_messages;
    this.received = stats.counter(sink.name, 'received');
    this.deadLetter = new DeadLetterFile(path.join(this.spoolDir, 'dead-letter.ndjson'), config.dead_letter_max_bytes);
  }

  get sinkName(): string { return this.sink.name; }
  get spoolDir(): string { return path.join(this.config.spool_dir, this.sink.name); }
  /** Messages waiting in memory (in flight included) and bytes waiting in the spool. */
  get backlog(): { messages: number; spoolBytes: number } {
    return { messages: this.memory.length, spoolBytes: this.spool?.pendingBytes ?? 0 };
  }

  async start(): Promise<void> {
    if (this.loop || this.closed) return;
    await this.awaitSpool();
    this.openSpool();
    try {
      await this.sink.start();
    } catch (error) { // sinks should not throw here; if one does, sending will tell us more
      this.logger.warn(`sink ${this.sinkName}: start failed: ${(error as Error).message}`);
    }
    this.loop = this.run();
  }

  offer(message: OutboundMessage): void | Promise<void> {
    this.received.add();
    if (this.closed) return this.drop('after_shutdown');
    this.openSpool(); // offers before start() are kept too
    if (this.waiters.length > 0) return new Promise((resolve) => this.waiters.push({ message, resolve }));
    if (this.place(message)) return;
    if (this.config.when_full === 'block') return new Promise((resolve) => this.waiters.push({ message, resolve }));
    this.drop(this.spool ? 'spool_full' : 'queue_full');
  }

  async reopen(): Promise<void> {
    await this.sink.reopen?.();
  }

  shutdown(deadline: number): Promise<void> {
    this.shutdownPromise ??= this.stop(deadline);
    return this.shutdownPromise;
  }

  /**
   * Another process may hold the spool: the instance auditd stopped, still draining for up to its
   * shutdown_timeout while the new one starts. Waits for it up to spoolWaitMs; after that, openSpool
   * says why the chain runs without a spool.
   */
  private async awaitSpool(): Promise<void> {
    if (this.spoolOpened || this.config.spool_max_bytes <= 0) return;
    const until = Date.now() + this.spoolWaitMs;
    let holder = SpoolLock.holder(this.spoolDir);
    if (holder === undefined || holder === process.pid || this.spoolWaitMs <= 0) return;
    this.logger.warn(`sink ${this.sinkName}: spool ${this.spoolDir} is in use by process ${holder}: waiting up to ${Math.ceil(this.spoolWaitMs / 1000)} s for it to finish`);
    while (holder !== undefined && holder !== process.pid && Date.now() < until) {
      await delay(SPOOL_POLL_MS);
      holder = SpoolLock.holder(this.spoolDir);
    }
  }

  /** Opens the spool once; a spool that cannot be opened leaves the chain in memory-only mode. */
  private openSpool(): void {
    if (this.spoolOpened) return;
    this.spoolOpened = true;
    if (this.config.spool_max_bytes > 0) {
      try {
        this.spool = Spool.open(this.spoolDir, { maxBytes: this.config.spool_max_bytes, fsync: this.config.spool_fsync });
        if (!this.spool.isEmpty) {
          this.logger.info(`sink ${this.sinkName}: replaying ${this.spool.pendingBytes} bytes spooled by a previous run`);
        }
      } catch (error) {
        this.logger.error(`sink ${this.sinkName}: spool ${this.spoolDir} unusable, keeping messages in memory only: ${(error as Error).message}`);
      }
    }
    if (!this.spool && this.memoryMax === 0) this.memoryMax = MEMORY_ONLY_DEFAULT;
  }

  /** Puts a message in memory or the spool; false when both are full. */
  private place(message: OutboundMessage): boolean {
    const spoolInUse = this.spool !== undefined && !this.spool.isEmpty;
    if (!spoolInUse && this.memory.length < this.memoryMax) {
      this.memory.push(message);
      this.wake?.();
      return true;
    }
    if (this.spool) {
      const result = this.spool.append(message);
      if (result.status === 'ok') {
        this.stats.count(this.sinkName, 'spilled');
        this.wake?.();
        return true;
      }
      if (result.status === 'error') {
        this.drops.warn('spool_error', (n) => `sink ${this.sinkName}: cannot write spool ${this.spoolDir}: ${result.error.message} (${n} message(s))`);
      }
    }
    // Spool full or failing: memory, if it has room, beats a drop (at the price of order).
    if (this.memory.length < this.memoryMax) {
      this.memory.push(message);
      this.wake?.();
      return true;
    }
    return false;
  }

  private drop(reason: string): void {
    this.stats.count(this.sinkName, `dropped.${reason}`);
    this.drops.warn(reason, (n) => `sink ${this.sinkName}: dropped ${n} message(s): ${reason.replaceAll('_', ' ')}`);
  }

  /** Lets blocked `offer`s in, in order, as room appears. */
  private admitWaiters(): void {
    while (this.waiters.length > 0 && this.place(this.waiters[0].message)) this.waiters.shift()!.resolve();
  }

  private nextBatch(): Batch | undefined {
    const max = Math.max(1, this.sink.maxBatch);
    if (this.memory.length > 0) return { source: 'memory', messages: this.memory.slice(0, max) };
    if (this.spool && !this.spool.isEmpty) {
      const read = this.spool.read(max);
      if (read.messages.length > 0 || read.corrupt > 0) return { source: 'spool', ...read };
    }
    return undefined;
  }

  private async run(): Promise<void> {
    while (!this.closed && Date.now() < this.deadline) {
      const batch = this.nextBatch();
      if (!batch) {
        if (this.draining) return;
        await new Promise<void>((resolve) => { this.wake = resolve; });
        this.wake = undefined;
        continue;
      }
      if (batch.messages.length === 0) { this.settle(batch); continue; } // only unreadable spool lines
      if (await this.linger(batch)) continue;
      const { result, rejected } = await this.attempt(batch.messages);
      if (this.closed) return; // shutdown took over the batch
      if (result.status === 'retryable') {
        this.stats.count(this.sinkName, 'retried', batch.messages.length);
        this.markDown(result.error);
        await this.sleep(this.backoff.next(result.retryInMillis));
        continue;
      }
      this.markUp();
      this.backoff.reset();
      const refused = rejected.reduce((n, r) => n + r.messages.length, 0);
      if (refused < batch.messages.length) this.stats.count(this.sinkName, 'delivered', batch.messages.length - refused);
      for (const { messages, error } of rejected) this.deadLetters(messages, error);
      if (batch.source === 'spool') this.stats.count(this.sinkName, 'replayed', batch.messages.length);
      this.settle(batch);
    }
  }

  /**
   * The sink's `lingerMillis` (e.g. kafka_linger_ms): a memory batch smaller than maxBatch waits, up to
   * that long after it was first seen, for more messages. True when it waited (take the batch again).
   * Spool batches and draining never wait: they are the backlog.
   */
  private async linger(batch: Batch): Promise<boolean> {
    const linger = this.sink.lingerMillis ?? 0;
    if (linger <= 0 || batch.source !== 'memory' || this.draining || batch.messages.length >= this.sink.maxBatch) {
      this.lingerSince = undefined;
      return false;
    }
    this.lingerSince ??= Date.now();
    const left = this.lingerSince + linger - Date.now();
    if (left <= 0) {
      this.lingerSince = undefined;
      return false;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, left);
      timer.unref();
      const self = this;
      this.wake = done; // a new message or shutdown looks again at once
      function done(): void {
        clearTimeout(timer);
        self.wake = undefined;
        resolve();
      }
    });
    return true;
  }

  /**
   * One delivery attempt of a batch: `retryable`, or done with the messages the sink refused. A batch
   * it rejects is tried message by message, so that one message the peer refuses (too large for
   * Kafka, a bulk body MozDef cannot take) does not take its batch-mates to the dead-letter file. A
   * retryable outcome midway stops that: the whole batch is tried again later, and the messages
   * already delivered go twice (at-least-once; their ids tell the copies apart).
   */
  private async attempt(messages: readonly OutboundMessage[]): Promise<{ result: SendResult; rejected: Rejected[] }> {
    const result = await this.send(messages);
    if (result.status !== 'rejected') return { result, rejected: [] };
    if (messages.length === 1) return { result, rejected: [{ messages, error: result.error }] };
    const rejected: { messages: OutboundMessage[]; error: Error }[] = [];
    for (const message of messages) {
      const alone = await this.send([message]);
      if (this.closed || alone.status === 'retryable') return { result: alone, rejected: [] };
      if (alone.status !== 'rejected') continue;
      // Refused for the same reason as the one before (a peer refusing them all): one log line, one write.
      const last = rejected[rejected.length - 1];
      if (last?.error.message === alone.error.message) last.messages.push(message);
      else rejected.push({ messages: [message], error: alone.error });
    }
    return { result: delivered, rejected };
  }

  private deadLetters(messages: readonly OutboundMessage[], error: Error): void {
    this.stats.count(this.sinkName, 'rejected', messages.length);
    this.logger.warn(`sink ${this.sinkName}: rejected ${messages.length} message(s): ${error.message}`);
    const kept = this.deadLetter.write(messages, error);
    if (kept !== 'ok') {
      this.stats.count(this.sinkName, `dropped.dead_letter_${kept}`, messages.length);
      this.logger.warn(`sink ${this.sinkName}: ${kept === 'full' ? 'dead-letter file full' : 'cannot write dead-letter file'} ${this.deadLetter.file}: ${messages.length} rejected message(s) not kept`);
    }
  }

  private async send(batch: readonly OutboundMessage[]): Promise<SendResult> {
    try {
      return await this.sink.send(batch);
    } catch (error) { // a sink must not throw; treat it as a failed attempt rather than lose the batch
      return { status: 'retryable', error: error as Error };
    }
  }

  private settle(batch: Batch): void {
    if (batch.source === 'memory') {
      this.memory.splice(0, batch.messages.length);
    } else {
      if (batch.corrupt > 0) {
        this.stats.count(this.sinkName, 'dropped.spool_corrupt', batch.corrupt);
        this.logger.warn(`sink ${this.sinkName}: skipped ${batch.corrupt} unreadable spool line(s)`);
      }
      this.spool!.commit(batch.end);
    }
    this.admitWaiters();
  }

  private markDown(error: Error | undefined): void {
    if (this.downSince !== undefined) return;
    this.downSince = Date.now();
    const { messages, spoolBytes } = this.backlog;
    this.logger.warn(`sink ${this.sinkName} is down: ${error?.message ?? 'retryable failure'}; retrying, ${messages} message(s) in memory and ${spoolBytes} spooled bytes kept`);
  }

  private markUp(): void {
    if (this.downSince === undefined) return;
    const seconds = ((Date.now() - this.downSince) / 1000).toFixed(1);
    this.downSince = undefined;
    this.logger.info(`sink ${this.sinkName} is back after ${seconds} s; delivering the backlog`);
  }

  /**
   * Waits, cut short by shutdown's deadline. The timer keeps the process alive only while someone waits
   * on this chain (draining, or a blocked `offer`); otherwise the input keeps the process alive.
   */
  private sleep(ms: number): Promise<void> {
    const until = Math.min(Date.now() + ms, this.deadline);
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(0, until - Date.now()));
      if (!this.draining && this.waiters.length === 0) timer.unref();
      const self = this;
      this.wake = done;
      function done(): void {
        clearTimeout(timer);
        self.wake = undefined;
        if (self.draining && Date.now() < Math.min(until, self.deadline)) { // shutdown began: keep waiting, kept alive
          self.sleep(Math.min(until, self.deadline) - Date.now()).then(resolve);
          return;
        }
        resolve();
      }
    });
  }

  private async stop(deadline: number): Promise<void> {
    this.draining = true;
    this.deadline = deadline;
    this.wake?.();
    if (this.loop) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.loop, new Promise<void>((resolve) => { timer = setTimeout(resolve, Math.max(0, deadline - Date.now())); })]);
      clearTimeout(timer);
    }
    this.closed = true;
    this.wake?.();
    this.spillLeftovers();
    this.spool?.close();
    this.drops.flush((reason, n) => `sink ${this.sinkName}: dropped ${n} message(s): ${reason.replaceAll('_', ' ')}`);
    try {
      await this.sink.shutdown();
    } catch (error) {
      this.logger.warn(`sink ${this.sinkName}: shutdown failed: ${(error as Error).message}`);
    }
  }

  /**
   * Memory (in-flight batch included) holds the oldest undelivered messages: it goes BEFORE what the
   * spool holds, so the next run replays in order. Blocked offers are newer than the spool: appended.
   */
  private spillLeftovers(): void {
    const memory = this.memory.splice(0);
    const blocked = this.waiters.splice(0).map((waiter) => { waiter.resolve(); return waiter.message; });
    let spilled = 0;
    if (this.spool && memory.length > 0) {
      const result = this.spool.prepend(memory);
      spilled += result.written;
      for (let i = result.written; i < memory.length; i++) this.drop(result.error ? 'spool_error' : 'spool_full');
    } else {
      for (let i = 0; i < memory.length; i++) this.drop('shutdown_no_spool');
    }
    for (const message of blocked) {
      const result = this.spool?.append(message);
      if (result?.status === 'ok') { spilled++; continue; }
      this.drop(result === undefined ? 'shutdown_no_spool' : result.status === 'full' ? 'spool_full' : 'spool_error');
    }
    if (spilled > 0) {
      this.stats.count(this.sinkName, 'spilled', spilled);
      this.logger.info(`sink ${this.sinkName}: ${spilled} undelivered message(s) spooled for the next start`);
    }
  }
}
