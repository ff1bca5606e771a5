import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Worker } from 'node:worker_threads';
import type { AuditEvent } from '../../../src/core/audit/audit-event';
import type { AuditRecord } from '../../../src/core/audit/audit-record';
import { parseRecordLine } from '../../../src/core/audit/parse-record';
import type { FormatListener } from '../../../src/core/format/format-stage';
import { EarlyFormatWorker } from '../../../src/core/format/early-format-worker';
import { WorkerFormatStage, type WorkerFormatStageOptions } from '../../../src/core/format/worker-format-stage';
import { MemoryLogger } from '../../../src/core/log/logger';
import type { OutboundMessage } from '../../../src/sinks/sink';
import { EXIT_CODE, EXIT_SERIAL, SLOW_MS, SLOW_SERIAL, THROW_SERIAL } from '../../fixtures/format/misbehaving-serials';
import { TEST_FORMATTER_OPTIONS as OPTIONS } from '../../support/formatter-options';


const MISBEHAVING = path.join(__dirname, '../../fixtures/format/misbehaving-worker.js');
const DIES_AT_START = path.join(__dirname, '../../fixtures/format/die-at-start-worker.js');

/** `SEC.MS` of an event: different per serial, so ids tell a wrong pairing. */
function timeOf(serial: number): string {
  return `1700000000.${String(serial % 1000).padStart(3, '0')}`;
}

function parsedEvent(lines: string[]): AuditEvent {
  const records: AuditRecord[] = lines.map((line) => {
    const outcome = parseRecordLine(line);
    if (!outcome.ok) throw new Error(`test line does not parse (${outcome.reason}): ${line}`);
    return outcome.record;
  });
  const first = records[0];
  return { node: first.node, time: first.time, serial: first.serial, records };
}

function header(type: string, serial: number): string {
  return `type=${type} msg=audit(${timeOf(serial)}:${serial}):`;
}

const SYSCALL_BODY = 'arch=c000003e syscall=59 success=yes exit=0 ppid=1 pid=2 auid=0 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts0 ses=1 comm="cat" exe="/usr/bin/cat" key="k"';

/** An execve event: SYSCALL + EXECVE (category execve, command `cat <serial>`). */
function execveEvent(serial: number): AuditEvent {
  return parsedEvent([`${header('SYSCALL', serial)} ${SYSCALL_BODY}`, `${header('EXECVE', serial)} argc=2 a0="cat" a1="${serial}"`]);
}

/** An execve without its EXECVE record: skipped when ignoreEmptyExecve. */
function emptyExecveEvent(serial: number): AuditEvent {
  return parsedEvent([`${header('SYSCALL', serial)} ${SYSCALL_BODY}`]);
}

/** A user-space single-record event. */
function userEvent(serial: number): AuditEvent {
  return parsedEvent([`${header('USER', serial)} pid=1 uid=0 msg='op=x${serial} res=success'`]);
}

/** Alternates the two kinds, so batches hold events of different sizes. */
function someEvent(serial: number): AuditEvent {
  return serial % 2 === 0 ? execveEvent(serial) : userEvent(serial);
}

function idOf(serial: number, host = OPTIONS.hostname): string {
  return `${host}:${timeOf(serial)}:${serial}`;
}

interface Failure {
  readonly count: number;
  readonly reason: string;
  readonly detail: string;
}

/** Keeps what comes out of the stage. */
class Recorder implements FormatListener {
  readonly messages: OutboundMessage[] = [];
  readonly failures: Failure[] = [];
  skips = 0;
  /** Called on each message, before it is kept (to check what was true when it came). */
  onMessage: (message: OutboundMessage) => void = () => {};

  message(message: OutboundMessage): void {
    this.onMessage(message);
    this.messages.push(message);
  }

  skipped(count: number): void {
    this.skips += count;
  }

  failed(count: number, reason: string, detail: string): void {
    this.failures.push({ count, reason, detail });
  }

  failedCount(reason?: string): number {
    return this.failures.filter((f) => reason === undefined || f.reason === reason).reduce((sum, f) => sum + f.count, 0);
  }

  ids(): string[] {
    return this.messages.map((m) => m.id);
  }
}

function stageWith(options: Partial<WorkerFormatStageOptions> = {}) {
  const logger = new MemoryLogger();
  const recorder = new Recorder();
  const stage = new WorkerFormatStage({ formatter: OPTIONS, logger, ...options });
  stage.connect(recorder);
  return { stage, recorder, logger };
}

/** The stage's current worker (private), to watch it end. */
function workerOf(stage: WorkerFormatStage): Worker | undefined {
  return (stage as unknown as { worker: Worker | undefined }).worker;
}

/** Rejects when `promise` takes longer than `ms`: a hang fails the test instead of stalling the run. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not done within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function until(condition: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: not true within ${ms} ms`);
    await sleep(5);
  }
}

function serials(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

test('many small batches come back in submitted order, as JSON with host:time:serial ids; settle waits for all; close ends the worker', async () => {
  const { stage, recorder } = stageWith({ maxBatchEvents: 3, maxEventsInFlight: 5 });
  try {
    let settled = false;
    let afterSettle = 0;
    recorder.onMessage = () => {
      if (settled) afterSettle++;
    };
    const first = serials(1, 60);
    for (const serial of first) {
      stage.submit(someEvent(serial));
      if (serial % 7 === 0) stage.flush(); // end of an input chunk: a short batch
      const room = stage.room();
      if (room) await within(room, 2000, 'room');
    }
    // These go out without waiting: none of them can have come back before settle() is called.
    const last = serials(61, 100);
    for (const serial of last) stage.submit(someEvent(serial));
    const settling = stage.settle().then(() => (settled = true));
    assert.ok(recorder.messages.length <= first.length, 'messages of batches not even sent yet');
    await within(settling, 3000, 'settle');
    assert.equal(afterSettle, 0, 'messages came after settle() resolved');

    const all = [...first, ...last];
    assert.deepEqual(recorder.ids(), all.map((s) => idOf(s)));
    assert.equal(recorder.skips, 0);
    assert.deepEqual(recorder.failures, []);
    for (const [i, message] of recorder.messages.entries()) {
      const serial = all[i];
      const document = JSON.parse(message.json) as { category: string; summary: string; hostname: string; details: Record<string, string> };
      assert.equal(document.details.eventid, message.id);
      assert.equal(document.details.auditserial, String(serial));
      assert.equal(document.hostname, OPTIONS.hostname);
      assert.equal(message.hostname, OPTIONS.hostname);
      assert.equal(message.time, Number(timeOf(serial)));
      assert.equal(message.category, document.category);
      if (serial % 2 === 0) assert.equal(document.summary, `Execve: cat ${serial}`);
      else assert.equal(document.summary, `USER: op=x${serial} res=success`);
    }
    // Settled with nothing pending: settle() again resolves at once.
    await within(stage.settle(), 100, 'settle with nothing in flight');

    const worker = workerOf(stage);
    assert.ok(worker, 'a worker is running');
    const exited = once(worker, 'exit');
    await stage.close();
    await within(exited, 2000, 'worker exit');
    assert.equal(workerOf(stage), undefined);
  } finally {
    await stage.close();
  }
});

test('an execve event without its EXECVE record is reported as skipped, the others come out', async () => {
  const { stage, recorder } = stageWith({ maxBatchEvents: 3 });
  try {
    stage.submit(execveEvent(10));
    stage.submit(emptyExecveEvent(11));
    stage.submit(userEvent(12));
    stage.submit(emptyExecveEvent(13));
    stage.submit(execveEvent(14));
    await within(stage.settle(), 2000, 'settle');
    assert.equal(recorder.skips, 2);
    assert.deepEqual(recorder.ids(), [idOf(10), idOf(12), idOf(14)]);
    assert.deepEqual(recorder.failures, []);
  } finally {
    await stage.close();
  }
});

test('a formatter that throws for one event: failed(1, format_error, message), the other events still come out', async () => {
  const { stage, recorder, logger } = stageWith({ script: MISBEHAVING, maxBatchEvents: 3 });
  try {
    const submitted = [1, 2, THROW_SERIAL, 4, 5, 6, 7];
    for (const serial of submitted) stage.submit(someEvent(serial));
    await within(stage.settle(), 2000, 'settle');
    assert.deepEqual(recorder.failures, [{ count: 1, reason: 'format_error', detail: `cannot format serial ${THROW_SERIAL}` }]);
    assert.deepEqual(recorder.ids(), submitted.filter((s) => s !== THROW_SERIAL).map((s) => idOf(s)));
    assert.deepEqual(logger.lines, [], 'the worker did not die');
  } finally {
    await stage.close();
  }
});

test('a worker that exits mid-stream: its events are counted worker_failed, it is started again and formats later events', async () => {
  const { stage, recorder, logger } = stageWith({ script: MISBEHAVING, maxBatchEvents: 3 });
  try {
    // Batches [1,2,3] [4,5,6] [7,8,9] [10,EXIT,12] ... [28,29,30]: all are posted before the worker
    // gets to run, so it answers the first three and dies on the fourth, holding it and all after it.
    const submitted = serials(1, 30).map((s) => (s === 11 ? EXIT_SERIAL : s));
    for (const serial of submitted) stage.submit(someEvent(serial));
    const firstWorker = workerOf(stage);
    await within(stage.settle(), 3000, 'settle after the worker died');

    assert.deepEqual(recorder.ids(), serials(1, 9).map((s) => idOf(s)));
    assert.equal(recorder.failedCount(), 21);
    assert.equal(recorder.failedCount('worker_failed'), 21);
    for (const failure of recorder.failures) assert.equal(failure.detail, `exit code ${EXIT_CODE}`);
    assert.equal(recorder.messages.length + recorder.failedCount(), submitted.length, 'every event came out or was counted');
    assert.deepEqual(logger.lines, [`error: formatting worker stopped (exit code ${EXIT_CODE}); starting it again`]);

    const secondWorker = workerOf(stage);
    assert.ok(secondWorker, 'a new worker was started');
    assert.notEqual(secondWorker, firstWorker);

    // The new worker formats what comes next.
    recorder.messages.length = 0;
    for (const serial of serials(100, 107)) stage.submit(someEvent(serial));
    await within(stage.settle(), 3000, 'settle on the new worker');
    assert.deepEqual(recorder.ids(), serials(100, 107).map((s) => idOf(s)));
    assert.equal(recorder.failedCount(), 21, 'nothing more lost');
    assert.equal(logger.lines.length, 1);
  } finally {
    await stage.close();
  }
});

test('a worker that dies at start every time: a bounded number of restarts, then every event is counted failed', async () => {
  const { stage, recorder, logger } = stageWith({ script: DIES_AT_START, maxBatchEvents: 4 });
  try {
    let submitted = 0;
    let serial = 1;
    const submit = (n: number): void => {
      for (let i = 0; i < n; i++) stage.submit(someEvent(serial++));
      submitted += n;
    };
    // Some events for each worker started (one per settle), then some after it gave up.
    for (let round = 0; round < 6; round++) {
      submit(5); // a full batch of 4 and one left, handed over by settle()
      await within(stage.settle(), 3000, `settle, round ${round}`);
      assert.equal(recorder.failedCount(), submitted, `round ${round}: every event counted failed`);
    }
    await until(() => logger.lines.some((l) => l.includes('giving up')), 3000, 'giving up');
    submit(9);
    await within(stage.settle(), 500, 'settle after giving up');

    assert.deepEqual(recorder.messages, []);
    assert.equal(recorder.failedCount('worker_failed'), submitted);
    assert.equal(recorder.failedCount(), submitted);
    assert.ok(recorder.failures.some((f) => f.detail === 'exit code 1'));
    assert.ok(recorder.failures.some((f) => f.detail === 'no formatting worker'));
    assert.equal(workerOf(stage), undefined, 'no worker left');

    // No endless restart loop: 3 restarts and the final giving up, nothing more later.
    await sleep(200);
    assert.deepEqual(logger.lines, [
      'error: formatting worker stopped (exit code 1); starting it again',
      'error: formatting worker stopped (exit code 1); starting it again',
      'error: formatting worker stopped (exit code 1); starting it again',
      'error: formatting worker stopped (exit code 1); giving up: events are counted as failed',
    ]);

    // SIGHUP is the operator's way to try again: a reload starts a worker (this one dies again).
    stage.reload({ ...OPTIONS, hostname: 'again.example.com' });
    await until(() => logger.lines.length === 5, 3000, 'a worker started by the reload');
    assert.equal(logger.lines[4], 'error: formatting worker stopped (exit code 1); starting it again');
  } finally {
    await stage.close();
  }
});

test('reload: events submitted after it carry the new hostname, those before it the old one', async () => {
  const { stage, recorder } = stageWith({ maxBatchEvents: 3 });
  try {
    for (const serial of serials(1, 5)) stage.submit(someEvent(serial)); // one full batch, two pending
    stage.reload({ ...OPTIONS, hostname: 'renamed.example.com' });
    for (const serial of serials(6, 10)) stage.submit(someEvent(serial));
    await within(stage.settle(), 2000, 'settle');
    assert.deepEqual(recorder.ids(), [
      ...serials(1, 5).map((s) => idOf(s)),
      ...serials(6, 10).map((s) => idOf(s, 'renamed.example.com')),
    ]);
    assert.deepEqual(recorder.messages.map((m) => (JSON.parse(m.json) as { hostname: string }).hostname), [
      ...Array(5).fill(OPTIONS.hostname),
      ...Array(5).fill('renamed.example.com'),
    ]);
    assert.deepEqual(recorder.messages.map((m) => m.hostname), recorder.messages.map((m) => m.id.split(':')[0]));
  } finally {
    await stage.close();
  }
});

test('a busy worker: the next batches are formatted on this thread, come out after the earlier ones, and room() waits while they wait', async () => {
  const { stage, recorder } = stageWith({ script: MISBEHAVING, maxBatchEvents: 2, maxEventsInFlight: 2 });
  try {
    // The first batch keeps the worker busy for SLOW_MS: with 2 events there it is full.
    stage.submit(someEvent(SLOW_SERIAL));
    stage.submit(someEvent(2));
    assert.equal(stage.room(), undefined, 'room while nothing formatted waits');
    // Formatted here, so THROW_SERIAL (which only the worker throws on) comes out as a message.
    stage.submit(someEvent(3));
    stage.submit(someEvent(THROW_SERIAL));
    assert.deepEqual(recorder.ids(), [], 'formatted, but held until the earlier batch is back');
    const room = stage.room();
    assert.ok(room instanceof Promise, 'no room while 2 formatted events wait');
    const started = Date.now();
    await within(room, 3000, 'room');
    assert.ok(Date.now() - started >= SLOW_MS / 2, 'room came with the worker\'s answer, not before');
    assert.deepEqual(recorder.ids(), [SLOW_SERIAL, 2, 3, THROW_SERIAL].map((s) => idOf(s)));
    assert.deepEqual(recorder.failures, []);
    // With the worker free again, batches go to it: there THROW_SERIAL fails.
    stage.submit(someEvent(5));
    stage.submit(someEvent(THROW_SERIAL));
    await within(stage.settle(), 2000, 'settle');
    assert.deepEqual(recorder.failures, [{ count: 1, reason: 'format_error', detail: `cannot format serial ${THROW_SERIAL}` }]);
    assert.equal(stage.room(), undefined);
  } finally {
    await stage.close();
  }
});

/** The Worker inside an EarlyFormatWorker (private), to compare it with the stage's. */
function threadOf(early: EarlyFormatWorker): Worker {
  return (early as unknown as { worker: Worker }).worker;
}

test('an early worker is the stage\'s first worker: it formats with the options the stage sends it', async () => {
  const early = new EarlyFormatWorker();
  const options = { ...OPTIONS, hostname: 'early.example.com' };
  const { stage, recorder } = stageWith({ formatter: options, early, maxBatchEvents: 2 });
  try {
    assert.equal(workerOf(stage), threadOf(early), 'the early worker, not a new one');
    for (const serial of [1, 2, 3]) stage.submit(someEvent(serial));
    await within(stage.settle(), 3000, 'settle');
    assert.deepEqual(recorder.ids(), [1, 2, 3].map((s) => idOf(s, 'early.example.com')));
    assert.deepEqual(recorder.failures, []);
    // Taken once: another stage given the same early worker starts its own.
    const second = stageWith({ early });
    try {
      assert.notEqual(workerOf(second.stage), threadOf(early));
    } finally {
      await second.stage.close();
    }
  } finally {
    await stage.close();
  }
});

test('an early worker that stopped before the stage took it: the stage starts its own', async () => {
  const early = new EarlyFormatWorker(DIES_AT_START);
  await within(once(threadOf(early), 'exit'), 3000, 'early worker exit');
  const { stage, recorder, logger } = stageWith({ early, maxBatchEvents: 2 });
  try {
    assert.notEqual(workerOf(stage), threadOf(early));
    for (const serial of [1, 2, 3]) stage.submit(someEvent(serial));
    await within(stage.settle(), 3000, 'settle');
    assert.deepEqual(recorder.ids(), [1, 2, 3].map((s) => idOf(s)));
    assert.deepEqual(logger.lines, []);
  } finally {
    await stage.close();
  }
});

test('an early worker given a batch before its options stops with that reason, instead of formatting with none', async () => {
  const early = new EarlyFormatWorker();
  const worker = threadOf(early);
  const error = once(worker, 'error');
  worker.postMessage({ kind: 'batch', seq: 0, lines: [], sizes: [], namedEvents: [], namedPids: [], names: [] });
  const [reason] = (await within(error, 3000, 'worker error')) as [Error];
  assert.match(reason.message, /a batch came before the formatter options/);
});
