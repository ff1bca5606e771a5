import 'reflect-metadata';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { CoreConfig } from '../../../src/core/config/core-config';
import { MemoryLogger } from '../../../src/core/log/logger';
import { LineFraming } from '../../../src/core/mozdef/line-framing';
import { Stats } from '../../../src/core/stats/stats';
import { REFUSED_ACCESS_RETRY_MS } from '../../../src/sinks/kafka/kafka-send-outcome';
import { kafkaSinkDefinition } from '../../../src/sinks/kafka/kafka-sink-definition';
import { KafkaSinkConfig } from '../../../src/sinks/kafka/kafka-sink-config';

/**
 * The mock cluster has no SASL, so this listener speaks just enough Kafka to take a SASL login and
 * refuse it: ApiVersions, SaslHandshake (which mechanism?), SaslAuthenticate (which credentials?),
 * answered with SASL_AUTHENTICATION_FAILED. It shows the config reaches kafkajs and how a refused
 * login maps onto a delivery outcome.
 */
const API_VERSIONS = 18;
const SASL_HANDSHAKE = 17;
const SASL_AUTHENTICATE = 36;
const SASL_AUTHENTICATION_FAILED = 58;

interface Login { mechanism?: string; authBytes?: Buffer }
const logins: Login[] = [];
let server: net.Server;
let port: number;

function int16(n: number): Buffer { const b = Buffer.alloc(2); b.writeInt16BE(n); return b; }
function int32(n: number): Buffer { const b = Buffer.alloc(4); b.writeInt32BE(n); return b; }
function str(s: string | null): Buffer { return s === null ? int16(-1) : Buffer.concat([int16(Buffer.byteLength(s)), Buffer.from(s)]); }

function answer(apiKey: number, version: number, body: Buffer, login: Login): Buffer | undefined {
  switch (apiKey) {
    case API_VERSIONS: {
      const apis = [[API_VERSIONS, 0, 2], [SASL_HANDSHAKE, 0, 1], [SASL_AUTHENTICATE, 0, 0], [3, 0, 5], [0, 3, 7]];
      const list = Buffer.concat([int32(apis.length), ...apis.map(([k, min, max]) => Buffer.concat([int16(k), int16(min), int16(max)]))]);
      return Buffer.concat([int16(0), list, version >= 1 ? int32(0) : Buffer.alloc(0)]);
    }
    case SASL_HANDSHAKE:
      login.mechanism = body.subarray(2, 2 + body.readInt16BE(0)).toString();
      return Buffer.concat([int16(0), int32(1), str(login.mechanism)]);
    case SASL_AUTHENTICATE:
      login.authBytes = body.subarray(4, 4 + body.readInt32BE(0));
      return Buffer.concat([int16(SASL_AUTHENTICATION_FAILED), str('Authentication failed: invalid credentials'), int32(0)]);
    default:
      return undefined;
  }
}

before(async () => {
  server = net.createServer((socket) => {
    const login: Login = {};
    logins.push(login);
    let pending = Buffer.alloc(0);
    socket.on('data', (data: Buffer) => {
      pending = Buffer.concat([pending, data]);
      while (pending.length >= 4 && pending.length >= 4 + pending.readInt32BE(0)) {
        const request = pending.subarray(4, 4 + pending.readInt32BE(0));
        pending = pending.subarray(4 + request.length);
        // Request header v1: api_key, api_version, correlation_id, client_id.
        const [apiKey, version, correlationId] = [request.readInt16BE(0), request.readInt16BE(2), request.readInt32BE(4)];
        const body = request.subarray(10 + request.readInt16BE(8));
        const response = answer(apiKey, version, body, login);
        if (!response) { socket.destroy(); return; }
        socket.write(Buffer.concat([int32(4 + response.length), int32(correlationId), response]));
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

after(async () => { await new Promise<void>((resolve) => server.close(() => resolve())); });

async function refusedLogin(mechanism: string): Promise<{ login: Login; retryInMillis?: number; message: string }> {
  logins.length = 0;
  const config = Object.assign(new KafkaSinkConfig(), {
    kafka_brokers: [`127.0.0.1:${port}`], kafka_request_timeout: 2,
    kafka_sasl_mechanism: mechanism, kafka_sasl_username: 'audisp', kafka_sasl_password: 's3cret pass',
  });
  const sink = kafkaSinkDefinition.create(config, { core: new CoreConfig(), logger: new MemoryLogger(), stats: new Stats(), framing: new LineFraming('', '') });
  await sink.start();
  const result = await sink.send([{ id: 'x', category: 'execve', hostname: 'h', time: 1, json: '{}' }]);
  await sink.shutdown();
  assert.equal(result.status, 'retryable');
  if (result.status !== 'retryable') throw new Error('unreachable');
  return { login: logins[0], retryInMillis: result.retryInMillis, message: result.error?.message ?? '' };
}

test('kafka SASL PLAIN: kafkajs logs in with the configured credentials; a refused login waits and retries (not dead-lettered)', async () => {
  const { login, retryInMillis, message } = await refusedLogin('plain');
  assert.equal(login.mechanism, 'PLAIN');
  assert.equal(login.authBytes?.toString(), '\0audisp\0s3cret pass');
  assert.equal(retryInMillis, REFUSED_ACCESS_RETRY_MS);
  assert.match(message, /SASL PLAIN authentication failed/);
});

test('kafka SASL SCRAM-SHA-256 and -512: the mechanism and the username reach the broker', async () => {
  for (const [mechanism, wire] of [['scram-sha-256', 'SCRAM-SHA-256'], ['scram-sha-512', 'SCRAM-SHA-512']]) {
    const { login, retryInMillis } = await refusedLogin(mechanism);
    assert.equal(login.mechanism, wire);
    assert.match(login.authBytes?.toString() ?? '', /^n,,n=audisp,r=/); // SCRAM client-first message
    assert.equal(retryInMillis, REFUSED_ACCESS_RETRY_MS);
  }
});
