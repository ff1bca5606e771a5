import 'reflect-metadata';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { CompressionTypes } from 'kafkajs';
import { kafkaClientOptions } from '../../../src/sinks/kafka/kafka-client-options';
import { KafkaSinkConfig } from '../../../src/sinks/kafka/kafka-sink-config';
import { tempDir } from '../../support/temp-dir';

function config(overrides: Partial<KafkaSinkConfig>): KafkaSinkConfig {
  return Object.assign(new KafkaSinkConfig(), { kafka_brokers: ['127.0.0.1:9092'] }, overrides);
}

test('kafka options: acks all/1/0 become -1/1/0', () => {
  assert.equal(kafkaClientOptions(config({})).acks, -1);
  assert.equal(kafkaClientOptions(config({ kafka_acks: '1' })).acks, 1);
  assert.equal(kafkaClientOptions(config({ kafka_acks: '0' })).acks, 0);
});

test('kafka options: kafkajs retries are off on client and producer, so the delivery chain decides', () => {
  const options = kafkaClientOptions(config({}));
  assert.deepEqual(options.client.retry, { retries: 0 });
  assert.deepEqual(options.producer.retry, { retries: 0 });
  assert.equal(options.producer.idempotent, false);
  assert.equal(options.producer.maxInFlightRequests, 1);
  assert.equal(options.client.enforceRequestTimeout, true);
});

test('kafka options: idempotence keeps the one kafkajs retry it requires', () => {
  const options = kafkaClientOptions(config({ kafka_idempotent: true }));
  assert.equal(options.producer.idempotent, true);
  assert.deepEqual(options.producer.retry, { retries: 1 });
  assert.deepEqual(options.client.retry, { retries: 0 });
  assert.equal(options.acks, -1);
});

test('kafka options: compression, client id, brokers and timeouts', () => {
  const options = kafkaClientOptions(config({ kafka_compression: 'gzip', kafka_client_id: 'web1', kafka_request_timeout: 2.5,
    kafka_brokers: ['a:1', 'b:2'] }));
  assert.equal(options.compression, CompressionTypes.GZIP);
  assert.equal(options.client.clientId, 'web1');
  assert.deepEqual(options.client.brokers, ['a:1', 'b:2']);
  assert.equal(options.client.requestTimeout, 2500);
  assert.equal(options.ackTimeoutMs, 2500);
  assert.equal(kafkaClientOptions(config({})).compression, CompressionTypes.None);
});

test('kafka options: no TLS and no SASL unless configured', () => {
  const options = kafkaClientOptions(config({}));
  assert.equal(options.client.ssl, undefined);
  assert.equal(options.client.sasl, undefined);
});

test('kafka options: TLS reads the CA, certificate and key files; kafka_tls_verify = no stops checking', (t) => {
  const dir = tempDir(t, 'kafka-tls-');
  for (const name of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(path.join(dir, name), `-----${name}-----\n`);
  const options = kafkaClientOptions(config({ kafka_tls_ca: path.join(dir, 'ca.pem'), kafka_tls_cert: path.join(dir, 'cert.pem'),
    kafka_tls_key: path.join(dir, 'key.pem'), kafka_tls_verify: false }));
  const ssl = options.client.ssl as { ca: Buffer; cert: Buffer; key: Buffer; rejectUnauthorized: boolean };
  assert.equal(ssl.ca.toString(), '-----ca.pem-----\n');
  assert.equal(ssl.cert.toString(), '-----cert.pem-----\n');
  assert.equal(ssl.key.toString(), '-----key.pem-----\n');
  assert.equal(ssl.rejectUnauthorized, false);
  assert.deepEqual(kafkaClientOptions(config({ kafka_tls: true })).client.ssl, { rejectUnauthorized: true });
});

test('kafka options: an unreadable TLS file is an error naming the key', () => {
  assert.throws(() => kafkaClientOptions(config({ kafka_tls_ca: '/nonexistent/ca.pem' })), /^Error: kafka_tls_ca: cannot read \/nonexistent\/ca.pem/);
});

test('kafka options: SASL mechanisms map onto kafkajs names with the credentials', () => {
  for (const mechanism of ['plain', 'scram-sha-256', 'scram-sha-512']) {
    const options = kafkaClientOptions(config({ kafka_sasl_mechanism: mechanism, kafka_sasl_username: 'u', kafka_sasl_password: 'p w' }));
    assert.deepEqual(options.client.sasl, { mechanism, username: 'u', password: 'p w' });
  }
});
