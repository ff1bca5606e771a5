import 'reflect-metadata';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { CoreConfig } from '../../../src/core/config/core-config';
import { MemoryLogger } from '../../../src/core/log/logger';
import { LineFraming } from '../../../src/core/mozdef/line-framing';
import { Stats } from '../../../src/core/stats/stats';
import { kafkaSinkDefinition } from '../../../src/sinks/kafka/kafka-sink-definition';
import { KafkaSinkConfig } from '../../../src/sinks/kafka/kafka-sink-config';
import type { SendResult } from '../../../src/sinks/sink';
import { tempDir } from '../../fixtures/delivery/test-support';
import { outboundMessages } from '../../support/outbound-messages';
import { makeThrowawayPki, type ThrowawayPki } from '../../fixtures/mozdef/throwaway-ca';

/** What a TLS listener saw: the client certificate's CN and the first Kafka request (api key, client id). */
interface Seen { clientCn?: string; apiKey?: number; clientId?: string }

/**
 * The mock cluster speaks plaintext only, so TLS is checked against a TLS listener with a throwaway CA
 * that reads the first Kafka request header and hangs up: enough to show the handshake, the CA, the
 * client certificate and verification are wired through to kafkajs. (The send is then retryable.)
 */
let pki: ThrowawayPki;
let dir: string;
let server: tls.Server;
let port: number;
const seen: Seen[] = [];

before(async () => {
  dir = tempDir('kafka-tls');
  pki = makeThrowawayPki(dir);
  server = tls.createServer({
    key: pki.serverKey, cert: pki.serverCert, ca: pki.ca,
    requestCert: true, rejectUnauthorized: false,
  }, (socket) => {
    const entry: Seen = {};
    seen.push(entry);
    const peer = socket.getPeerCertificate();
    if (socket.authorized && peer.subject) entry.clientCn = String(peer.subject.CN);
    socket.once('data', (data: Buffer) => {
      // Request header v1: size int32, api_key int16, api_version int16, correlation_id int32, client_id string16.
      entry.apiKey = data.readInt16BE(4);
      const idLength = data.readInt16BE(12);
      entry.clientId = data.subarray(14, 14 + idLength).toString();
      socket.destroy();
    });
    socket.on('error', () => {});
  });
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  fs.rmSync(dir, { recursive: true, force: true });
});

async function attempt(overrides: Partial<KafkaSinkConfig>): Promise<{ result: SendResult; seen: Seen[] }> {
  seen.length = 0;
  const config = Object.assign(new KafkaSinkConfig(), { kafka_brokers: [`127.0.0.1:${port}`], kafka_request_timeout: 2, kafka_tls: true }, overrides);
  const sink = kafkaSinkDefinition.create(config, { core: new CoreConfig(), logger: new MemoryLogger(), stats: new Stats(), framing: new LineFraming('', '') });
  await sink.start();
  const result = await sink.send(outboundMessages(1));
  await sink.shutdown();
  return { result, seen: [...seen] };
}

test('kafka TLS: with kafka_tls_ca and a client certificate, kafkajs completes the handshake and speaks Kafka inside it', async () => {
  const { result, seen } = await attempt({ kafka_tls_ca: pki.caFile, kafka_tls_cert: pki.clientCertFile, kafka_tls_key: pki.clientKeyFile,
    kafka_client_id: 'web1-audit' });
  assert.ok(seen.length > 0);
  assert.deepEqual(seen[0], { clientCn: 'audisp-json test client', apiKey: 18, clientId: 'web1-audit' }); // 18 = ApiVersions
  assert.equal(result.status, 'retryable'); // our listener hangs up after the first request
});

test('kafka TLS: a broker certificate from an unknown CA is refused (retryable), nothing is sent', async () => {
  const { result, seen } = await attempt({});
  assert.equal(result.status, 'retryable');
  assert.match(result.status === 'retryable' ? result.error?.message ?? '' : '', /certificate/);
  assert.ok(seen.every((entry) => entry.apiKey === undefined));
});

test('kafka TLS: kafka_tls_verify = no accepts that certificate', async () => {
  const { seen } = await attempt({ kafka_tls_verify: false });
  assert.ok(seen.length > 0);
  assert.equal(seen[0].apiKey, 18);
  assert.equal(seen[0].clientCn, undefined);
});
