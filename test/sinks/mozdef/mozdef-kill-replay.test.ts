import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { message, missing, tempDir, until } from '../../fixtures/delivery/test-support';
import { MozDefPeer } from '../../fixtures/mozdef/mozdef-peer';

const CHILD = path.resolve(__dirname, '../../fixtures/delivery/chain-child.js');

function startChild(args: (string | number)[]): { child: ChildProcess; offered: Promise<void> } {
  const child = spawn(process.execPath, [CHILD, ...args.map(String)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const offered = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (data: Buffer) => { if (data.toString().includes('offered')) resolve(); });
    child.once('exit', (code) => reject(new Error(`child exited early with ${code}`)));
  });
  return { child, offered };
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

test('chain killed with SIGKILL mid-delivery with queue_max_messages = 0: the restarted chain replays the spool, nothing missing', async () => {
  const dir = tempDir('kill');
  const server = await MozDefPeer.start();
  server.behave = () => ({ kind: 'accept', delayMs: 10 }); // slower than the input, so the spool fills
  const first = startChild([dir, server.url, 0, 200, 0]);
  try {
    await first.offered;
    await until(() => server.ids.length >= 20, 20_000, 'some deliveries before the kill');
    await kill(first.child);
    const deliveredBeforeKill = new Set(server.ids).size;
    assert.ok(deliveredBeforeKill < 200, 'the spool was not empty when killed');
    assert.ok(fs.readdirSync(path.join(dir, 'mozdef')).some((f) => f.endsWith('.seg')));

    server.behave = () => ({ kind: 'accept' });
    const second = startChild([dir, server.url, 200, 10, 0]);
    try {
      await second.offered;
      await until(() => missing(210, server.ids).length === 0, 30_000, 'replay');
      const replayedOrder = server.ids.slice(server.ids.indexOf(message(199).id));
      assert.ok(replayedOrder.indexOf(message(200).id) > 0, 'the previous run comes before new messages');
      // At-least-once: at most the batch in flight at the kill is delivered twice.
      assert.ok(server.ids.length - 210 <= 1, `duplicates: ${server.ids.length - 210}`);
    } finally {
      await kill(second.child);
    }
  } finally {
    await kill(first.child);
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('chain killed with SIGKILL with a memory queue: what was spilled is replayed, at most queue_max_messages are lost', async () => {
  const dir = tempDir('kill');
  const probe = await MozDefPeer.start();
  await probe.close(); // down: everything stays queued
  const first = startChild([dir, probe.url, 0, 100, 10]);
  try {
    await first.offered;
    await kill(first.child);
  } finally {
    await kill(first.child);
  }
  const server = await MozDefPeer.start({ port: probe.port });
  const second = startChild([dir, server.url, 100, 0, 10]);
  try {
    await second.offered;
    await until(() => server.ids.length >= 90, 30_000, 'replay');
    assert.deepEqual(missing(100, server.ids), [...Array(10).keys()], 'exactly the 10 held in memory are gone');
  } finally {
    await kill(second.child);
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('chain killed with SIGKILL at random moments, five times in a row: every message offered arrives', async () => {
  const dir = tempDir('kill');
  const server = await MozDefPeer.start();
  server.behave = (n) => (n % 7 === 3 ? { kind: 'status', code: 503 } : { kind: 'accept', delayMs: 2 });
  const offeredIds = 5 * 40;
  try {
    for (let round = 0; round < 5; round++) {
      const run = startChild([dir, server.url, round * 40, 40, 0]);
      try {
        await run.offered; // all 40 are on disk once "offered" is printed
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 100));
      } finally {
        await kill(run.child);
      }
    }
    const last = startChild([dir, server.url, offeredIds, 0, 0]);
    try {
      await last.offered;
      await until(() => missing(offeredIds, server.ids).length === 0, 30_000, 'all rounds delivered');
    } finally {
      await kill(last.child);
    }
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
