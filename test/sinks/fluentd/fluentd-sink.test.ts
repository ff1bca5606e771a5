import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { OutboundMessage } from '../../../src/sinks/sink';
import { MemoryLogger } from '../../../src/core/log/logger';
import { FluentPeer, ReplyingPeer, ResettingPeer, SilentPeer, fluentdSink, freePort } from '../../fixtures/fluentd/fluentd-peer';
import { makeThrowawayPki } from '../../fixtures/mozdef/throwaway-ca';
import { tempDir, until } from '../../fixtures/delivery/test-support';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function auditMessage(n: number, category = 'execve'): OutboundMessage {
  const time = 1764044017 + n + 0.014;
  const document = {
    category, summary: `Execve: /usr/bin/cat /etc/passwd ${n}`, severity: 'INFO', hostname: 'web1.example.com',
    processid: 4242, processname: 'audisp-json', timestamp: new Date(time * 1000).toISOString(),
    tags: ['audisp-json', '0.1.0', 'audit'], details: { auditserial: String(n), command: 'cat "a b" \\ c' },
  };
  return { id: `web1:${time}:${n}`, category, hostname: 'web1.example.com', time, json: JSON.stringify(document) };
}

async function peer(options = {}): Promise<FluentPeer> {
  const server = await new FluentPeer(options).listen();
  cleanups.push(() => server.close());
  return server;
}

test('every message arrives with the configured tag, its audit time as EventTime and the MozDef record', async () => {
  const server = await peer();
  const sink = fluentdSink({ fluentd_port: server.port });
  cleanups.push(() => sink.shutdown());
  const batch = [0, 1, 2].map((n) => auditMessage(n));
  assert.deepEqual(await sink.send(batch), { status: 'delivered' });
  // FluentServer acks before it emits `entry`, hence the wait.
  await until(() => server.entries.length === 3);
  for (const [n, entry] of server.entries.entries()) {
    assert.equal(entry.tag, 'audit.mozdef');
    const time = entry.time as { epoch: number; nano: number };
    assert.deepEqual({ epoch: time.epoch, nano: time.nano }, { epoch: 1764044017 + n, nano: 14_000_000 });
    assert.deepEqual(entry.record, JSON.parse(batch[n].json));
  }
});

test('tag by category sends each category under <prefix>.<category>', async () => {
  const server = await peer();
  const sink = fluentdSink({ fluentd_port: server.port, fluentd_tag_by_category: true });
  cleanups.push(() => sink.shutdown());
  const result = await sink.send([auditMessage(0, 'execve'), auditMessage(1, 'write'), auditMessage(2, 'execve')]);
  assert.equal(result.status, 'delivered');
  await until(() => server.entries.length === 3);
  assert.deepEqual(server.entries.map((entry) => [entry.tag, entry.record.category]).sort(),
    [['audit.execve', 'execve'], ['audit.execve', 'execve'], ['audit.write', 'write']]);
});

test('with acks off messages arrive in Message mode and count as delivered once written', async () => {
  const server = await peer();
  const sink = fluentdSink({ fluentd_port: server.port, fluentd_require_ack: false });
  cleanups.push(() => sink.shutdown());
  assert.equal((await sink.send([auditMessage(0), auditMessage(1)])).status, 'delivered');
  await until(() => server.entries.length === 2);
  assert.deepEqual(server.entries.map((entry) => entry.record.details), [0, 1].map((n) => JSON.parse(auditMessage(n).json).details));
});

test('a server that reads but never acks makes the send retryable, not delivered', async () => {
  const silent = await new SilentPeer().listen();
  cleanups.push(() => silent.close());
  const sink = fluentdSink({ fluentd_port: silent.port, fluentd_timeout: 0.3 });
  cleanups.push(() => sink.shutdown());
  const result = await sink.send([auditMessage(0)]);
  assert.equal(result.status, 'retryable');
  assert.ok(silent.received > 0, 'the packet reached the server');
});

test('a server that is down makes the send retryable, and the next send after it comes up is delivered', async () => {
  const port = await freePort();
  const sink = fluentdSink({ fluentd_port: port });
  cleanups.push(() => sink.shutdown());
  const down = await sink.send([auditMessage(0)]);
  assert.equal(down.status, 'retryable');
  assert.match(String(down.status === 'retryable' && down.error?.message), /ECONNREFUSED/);
  const server = await new FluentPeer({}, port).listen();
  cleanups.push(() => server.close());
  assert.equal((await sink.send([auditMessage(1)])).status, 'delivered');
  await until(() => server.entries.length === 1);
});

test('a reset while a large write is pending is retryable, with and without acks (fluent-logger alone crashes)', async () => {
  const resetting = await new ResettingPeer(100).listen();
  cleanups.push(() => resetting.close());
  const big = 'x'.repeat(100_000);
  const batch = Array.from({ length: 100 }, (_, n) => ({ ...auditMessage(n), json: JSON.stringify({ big, n }) }));
  for (const fluentd_require_ack of [true, false]) {
    const sink = fluentdSink({ fluentd_port: resetting.port, fluentd_require_ack });
    cleanups.push(() => sink.shutdown());
    const result = await sink.send(batch);
    assert.equal(result.status, 'retryable', `acks ${fluentd_require_ack}`);
  }
  await new Promise((resolve) => setTimeout(resolve, 50)); // late write callbacks run here, harmlessly
});

test('an answer that is not a whole msgpack ack (a split ack, a peer that is not Fluentd) is retryable, not a crash', async () => {
  const answers = {
    'invalid msgpack': Buffer.from([0xc1]),
    'truncated ack': Buffer.from('81a361636b', 'hex'), // {"ack": <missing>
    'wrong chunk id': Buffer.from('81a361636ba178', 'hex'), // {"ack": "x"}
    'an HTTP server': Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n'),
  };
  for (const [what, reply] of Object.entries(answers)) {
    const replying = await new ReplyingPeer(reply).listen();
    cleanups.push(() => replying.close());
    const sink = fluentdSink({ fluentd_port: replying.port, fluentd_timeout: 1 });
    cleanups.push(() => sink.shutdown());
    assert.equal((await sink.send([auditMessage(0)])).status, 'retryable', what);
  }
});

test('a message that is not a JSON object is rejected', async () => {
  const sink = fluentdSink({ fluentd_port: await freePort() });
  const result = await sink.send([{ ...auditMessage(0), json: '[1,2]' }]);
  assert.equal(result.status, 'rejected');
  await sink.shutdown();
});

test('TLS with a throwaway CA and a client certificate delivers; an untrusted server is retryable', async () => {
  const dir = tempDir('fluentd-tls');
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const pki = makeThrowawayPki(dir);
  const server = await peer({ tlsOptions: { key: pki.serverKey, cert: pki.serverCert, ca: pki.ca, requestCert: true, rejectUnauthorized: true } });
  const sink = fluentdSink({
    fluentd_port: server.port, fluentd_tls: true, fluentd_tls_ca: pki.caFile,
    fluentd_tls_cert: pki.clientCertFile, fluentd_tls_key: pki.clientKeyFile,
  });
  cleanups.push(() => sink.shutdown());
  assert.equal((await sink.send([auditMessage(0)])).status, 'delivered');
  await until(() => server.entries.length === 1);

  const untrusting = fluentdSink({ fluentd_port: server.port, fluentd_tls: true }); // system roots only
  cleanups.push(() => untrusting.shutdown());
  const result = await untrusting.send([auditMessage(1)]);
  assert.equal(result.status, 'retryable');
});

test('shared key and user authentication: the right key delivers, a wrong key is retryable with or without acks', async () => {
  const security = { serverHostname: 'fluentd-test', sharedKey: 'secret', authorize: true, userDict: { alice: 'pw' } };
  const server = await peer({ security });
  const good = fluentdSink({ fluentd_port: server.port, fluentd_shared_key: 'secret', fluentd_username: 'alice', fluentd_password: 'pw' });
  cleanups.push(() => good.shutdown());
  assert.equal((await good.send([auditMessage(0)])).status, 'delivered');
  await until(() => server.entries.length === 1);

  const logger = new MemoryLogger();
  const bad = fluentdSink({ fluentd_port: server.port, fluentd_shared_key: 'wrong', fluentd_username: 'alice', fluentd_password: 'pw', fluentd_timeout: 1 }, logger);
  cleanups.push(() => bad.shutdown());
  const result = await bad.send([auditMessage(1)]);
  assert.equal(result.status, 'retryable');
  assert.match(String(result.status === 'retryable' && result.error?.message), /shared key mismatch/);
  // With acks off too: the handshake error is caught, it does not look like success.
  const badNoAck = fluentdSink({ fluentd_port: server.port, fluentd_shared_key: 'wrong', fluentd_require_ack: false, fluentd_timeout: 1 });
  cleanups.push(() => badNoAck.shutdown());
  assert.equal((await badNoAck.send([auditMessage(2)])).status, 'retryable');
  assert.equal(server.entries.length, 1);
});

test('send after shutdown is retryable and shutdown is safe twice and without a send', async () => {
  const sink = fluentdSink({ fluentd_port: await freePort() });
  await sink.shutdown();
  await sink.shutdown();
  assert.equal((await sink.send([auditMessage(0)])).status, 'retryable');
});
