import 'reflect-metadata';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateSync } from 'class-validator';
import { sectionKeys } from '../../../src/core/config/config-section';
import { KafkaSinkConfig } from '../../../src/sinks/kafka/kafka-sink-config';

function problems(overrides: Partial<KafkaSinkConfig>): string[] {
  const config = Object.assign(new KafkaSinkConfig(), overrides);
  return validateSync(config).flatMap((error) => Object.values(error.constraints ?? {}));
}

test('kafka config: the defaults are valid and the section owns every kafka_ key', () => {
  assert.deepEqual(problems({}), []);
  const keys = sectionKeys(KafkaSinkConfig);
  assert.ok(keys.every((key) => key.startsWith('kafka_')));
  for (const key of ['kafka_brokers', 'kafka_topic', 'kafka_client_id', 'kafka_key', 'kafka_acks', 'kafka_compression',
    'kafka_idempotent', 'kafka_batch_max_messages', 'kafka_linger_ms', 'kafka_request_timeout', 'kafka_tls', 'kafka_tls_ca',
    'kafka_tls_cert', 'kafka_tls_key', 'kafka_tls_verify', 'kafka_sasl_mechanism', 'kafka_sasl_username', 'kafka_sasl_password']) {
    assert.ok(keys.includes(key), key);
  }
  const defaults = new KafkaSinkConfig();
  assert.equal(defaults.kafka_topic, 'audit');
  assert.equal(defaults.kafka_client_id, 'audisp-json');
  assert.equal(defaults.kafka_key, 'hostname');
  assert.equal(defaults.kafka_acks, 'all');
  assert.equal(defaults.kafka_idempotent, false);
});

test('kafka config: brokers must be host:port', () => {
  assert.deepEqual(problems({ kafka_brokers: ['k1.example.com:9092', '10.0.0.2:9093', '[::1]:9092'] }), []);
  assert.equal(problems({ kafka_brokers: ['k1.example.com'] }).length, 1);
  assert.equal(problems({ kafka_brokers: ['k1:9092', 'http://k2:9092'] }).length, 1);
});

test('kafka config: enumerations are checked (key, acks, compression, sasl mechanism)', () => {
  assert.equal(problems({ kafka_key: 'pid' }).length, 1);
  assert.equal(problems({ kafka_acks: '2' }).length, 1);
  assert.equal(problems({ kafka_compression: 'zstd' }).length, 1);
  assert.ok(problems({ kafka_sasl_mechanism: 'gssapi', kafka_sasl_username: 'u', kafka_sasl_password: 'p' }).length >= 1);
});

test('kafka config: idempotence needs acks = all', () => {
  assert.deepEqual(problems({ kafka_idempotent: true }), []);
  assert.deepEqual(problems({ kafka_idempotent: true, kafka_acks: '1' }), ['kafka_idempotent = yes needs kafka_acks = all']);
});

test('kafka config: a client certificate and its key come together', () => {
  assert.deepEqual(problems({ kafka_tls_cert: '/c.pem' }), ['kafka_tls_cert needs kafka_tls_key']);
  assert.deepEqual(problems({ kafka_tls_key: '/k.pem' }), ['kafka_tls_key needs kafka_tls_cert']);
  assert.deepEqual(problems({ kafka_tls_cert: '/c.pem', kafka_tls_key: '/k.pem' }), []);
});

test('kafka config: a SASL mechanism needs a username and a password', () => {
  assert.deepEqual(problems({ kafka_sasl_mechanism: 'plain' }), ['kafka_sasl_mechanism needs kafka_sasl_username and kafka_sasl_password']);
  assert.deepEqual(problems({ kafka_sasl_mechanism: 'scram-sha-512', kafka_sasl_username: 'u', kafka_sasl_password: 'p' }), []);
});

test('kafka config: batch size, linger and request timeout are bounded', () => {
  assert.equal(problems({ kafka_batch_max_messages: 0 }).length, 1);
  assert.equal(problems({ kafka_linger_ms: -1 }).length, 1);
  assert.equal(problems({ kafka_request_timeout: 0 }).length, 1);
  assert.deepEqual(problems({ kafka_request_timeout: 2.5, kafka_linger_ms: 20, kafka_batch_max_messages: 500 }), []);
});

test('kafka config: every key records its type for the loader (design:type), lists as Array', () => {
  const type = (key: string) => (Reflect.getMetadata('design:type', KafkaSinkConfig.prototype, key) as { name: string }).name;
  assert.equal(type('kafka_brokers'), 'Array');
  for (const key of ['kafka_batch_max_messages', 'kafka_linger_ms', 'kafka_request_timeout']) assert.equal(type(key), 'Number', key);
  for (const key of ['kafka_idempotent', 'kafka_tls', 'kafka_tls_verify']) assert.equal(type(key), 'Boolean', key);
  for (const key of ['kafka_topic', 'kafka_acks', 'kafka_tls_ca', 'kafka_sasl_password']) assert.equal(type(key), 'String', key);
});
