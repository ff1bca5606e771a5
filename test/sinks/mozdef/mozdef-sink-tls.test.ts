import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { MemoryLogger } from '../../../src/core/log/logger';
import { mozdefSinkDefinition } from '../../../src/sinks/mozdef/mozdef-sink-definition';
import { MozDefSinkConfig } from '../../../src/sinks/mozdef/mozdef-sink-config';
import { message, tempDir } from '../../fixtures/delivery/test-support';
import { MozDefPeer } from '../../fixtures/mozdef/mozdef-peer';
import { makeThrowawayPki, type ThrowawayPki } from '../../fixtures/mozdef/throwaway-ca';
import { mozdefSink } from './test-sink';
import { VERSION } from '../../../src/core/version';
import { LineFraming } from '../../../src/core/mozdef/line-framing';
import { CoreConfig } from '../../../src/core/config/core-config';
import { Stats } from '../../../src/core/stats/stats';

let dir: string;
let pki: ThrowawayPki;
before(() => {
  dir = tempDir('mozdef-tls');
  pki = makeThrowawayPki(dir);
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('mozdef sink delivers over https with ssl_verify = yes and the test CA, reusing one keep-alive connection', async () => {
  const peer = await MozDefPeer.start({ tls: { key: pki.serverKey, cert: pki.serverCert } });
  const sink = mozdefSink({ mozdef_url: peer.url, curl_cainfo: pki.caFile });
  await sink.start();
  for (let n = 0; n < 5; n++) assert.deepEqual(await sink.send([message(n)]), { status: 'delivered' });
  assert.deepEqual(peer.ids, [0, 1, 2, 3, 4].map((n) => message(n).id));
  assert.equal(peer.sockets, 1);
  assert.deepEqual([...peer.userAgents], [`audisp-json/${VERSION}`]);
  assert.match(VERSION, /^\d+\.\d+\.\d+/);
  await sink.shutdown();
  await sink.shutdown();
  await peer.close();
});

test('mozdef sink refuses a server its CA does not vouch for (retryable, certificate named), and ssl_verify = no accepts it', async () => {
  const peer = await MozDefPeer.start({ tls: { key: pki.serverKey, cert: pki.serverCert } });
  const strict = mozdefSink({ mozdef_url: peer.url });
  const result = await strict.send([message(1)]);
  assert.equal(result.status, 'retryable');
  assert.match(result.status === 'retryable' ? String(result.error?.message) : '', /certificate|CERT/i);
  assert.deepEqual(peer.ids, []);
  const lax = mozdefSink({ mozdef_url: peer.url, ssl_verify: false });
  assert.deepEqual(await lax.send([message(2)]), { status: 'delivered' });
  await Promise.all([strict.shutdown(), lax.shutdown(), peer.close()]);
});

test('mozdef sink does mutual TLS with mozdef_client_cert and mozdef_client_key; without them the server refuses', async () => {
  const peer = await MozDefPeer.start({ tls: { key: pki.serverKey, cert: pki.serverCert, ca: pki.ca, requestCert: true } });
  const anonymous = mozdefSink({ mozdef_url: peer.url, curl_cainfo: pki.caFile });
  assert.equal((await anonymous.send([message(1)])).status, 'retryable');
  const mutual = mozdefSink({ mozdef_url: peer.url, curl_cainfo: pki.caFile, mozdef_client_cert: pki.clientCertFile, mozdef_client_key: pki.clientKeyFile });
  assert.deepEqual(await mutual.send([message(2)]), { status: 'delivered' });
  assert.deepEqual(peer.ids, [message(2).id]);
  await Promise.all([anonymous.shutdown(), mutual.shutdown(), peer.close()]);
});

test('mozdef sink maps 429 with Retry-After, 500 and 408 to retryable, 400 to rejected, and logs requests to curl_logfile', async () => {
  const peer = await MozDefPeer.start();
  const answers = [
    { kind: 'status', code: 429, retryAfter: '7' },
    { kind: 'status', code: 500 },
    { kind: 'status', code: 408 },
    { kind: 'status', code: 400 },
    { kind: 'accept' },
  ] as const;
  peer.behave = (n) => answers[n];
  const logfile = path.join(dir, 'curl.log');
  const sink = mozdefSink({ mozdef_url: peer.url, curl_verbose: true, curl_logfile: logfile });
  const results = [];
  for (let n = 0; n < answers.length; n++) results.push(await sink.send([message(n)]));
  assert.deepEqual(results.map((r) => r.status), ['retryable', 'retryable', 'retryable', 'rejected', 'delivered']);
  assert.equal(results[0].status === 'retryable' && results[0].retryInMillis, 7000);
  const log = fs.readFileSync(logfile, 'utf8');
  assert.match(log, /> POST http:\/\/127\.0\.0\.1:\d+\/events \d+ bytes, 1 message/);
  assert.match(log, /< HTTP 429 in \d+ ms, retry-after 7/);
  await Promise.all([sink.shutdown(), peer.close()]);
});

test('mozdef sink with mozdef_batch_size > 1 posts a batch to /_bulk in bulk format; curl_verbose without a file goes to the log', async () => {
  const peer = await MozDefPeer.start();
  const logger = new MemoryLogger();
  const sink = mozdefSink({ mozdef_url: peer.url, mozdef_batch_size: 10, curl_verbose: true }, logger);
  assert.equal(sink.maxBatch, 10);
  assert.deepEqual(await sink.send([message(1), message(2), message(3)]), { status: 'delivered' });
  assert.deepEqual(peer.ids, [1, 2, 3].map((n) => message(n).id));
  assert.deepEqual([...peer.paths], ['/_bulk']);
  assert.ok(logger.lines.some((l) => l.startsWith('info: mozdef: < HTTP 200')));
  await Promise.all([sink.shutdown(), peer.close()]);
});

test('mozdef_wrap_body = yes wraps each document of the body with prepend_msg / postpend_msg', async () => {
  const peer = await MozDefPeer.start();
  const framing = new LineFraming('{"message":', '}');
  const single = mozdefSinkDefinition.create(
    Object.assign(new MozDefSinkConfig(), { mozdef_url: peer.url, mozdef_wrap_body: true }),
    { core: new CoreConfig(), logger: new MemoryLogger(), stats: new Stats(), framing },
  );
  assert.deepEqual(await single.send([message(1)]), { status: 'delivered' });
  const plain = mozdefSink({ mozdef_url: peer.url });
  assert.deepEqual(await plain.send([message(2)]), { status: 'delivered' });
  assert.deepEqual(peer.bodies, [`{"message":${message(1).json}}`, message(2).json]);
  assert.deepEqual(JSON.parse(peer.bodies[0]), { message: JSON.parse(message(1).json) });
  await Promise.all([single.shutdown(), plain.shutdown(), peer.close()]);
});

test('mozdef sink definition declares the original keys with their defaults', () => {
  const config = new mozdefSinkDefinition.configSection();
  assert.equal(mozdefSinkDefinition.name, 'mozdef');
  assert.equal(config.mozdef_url, 'http://localhost:8080/events');
  assert.equal(config.ssl_verify, true);
  assert.equal(config.curl_verbose, false);
  for (const key of ['curl_logfile', 'curl_cainfo', 'mozdef_client_cert', 'mozdef_client_key']) assert.ok(key in config, key);
  assert.ok(config instanceof MozDefSinkConfig);
});
