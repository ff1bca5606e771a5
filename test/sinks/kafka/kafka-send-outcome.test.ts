import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  KafkaJSConnectionError, KafkaJSNonRetriableError, KafkaJSProtocolError, KafkaJSRequestTimeoutError, KafkaJSSASLAuthenticationError,
} from 'kafkajs';
import { kafkaSendOutcome, REFUSED_ACCESS_RETRY_MS } from '../../../src/sinks/kafka/kafka-send-outcome';

// kafkajs's own retrier and protocol error table, so the wrapping is exactly what the sink sees with retries: 0.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const createRetry = require('kafkajs/src/retry') as (o: object) => (fn: () => Promise<never>) => Promise<never>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createErrorFromCode } = require('kafkajs/src/protocol/error') as { createErrorFromCode(code: number): Error };

async function failedWith(error: Error): Promise<unknown> {
  return createRetry({ retries: 0 })(async () => { throw error; }).catch((wrapped: unknown) => wrapped);
}

test('kafka outcome: a request timeout (wrapped in NumberOfRetriesExceeded) is retryable', async () => {
  const error = await failedWith(new KafkaJSRequestTimeoutError('Request Produce(key: 0, version: 7) timed out'));
  assert.equal((error as Error).name, 'KafkaJSNumberOfRetriesExceeded');
  assert.equal(kafkaSendOutcome(error).status, 'retryable');
});

test('kafka outcome: a refused connection wrapped in NonRetriableError is still retryable (the cause decides)', () => {
  const cause = new KafkaJSConnectionError('connect ECONNREFUSED 127.0.0.1:9');
  // What kafkajs's broker pool throws when every seed broker refused (its typings omit the options).
  const error: unknown = Reflect.construct(KafkaJSNonRetriableError, [cause, { cause }]);
  const outcome = kafkaSendOutcome(error);
  assert.equal(outcome.status, 'retryable');
});

test('kafka outcome: retriable protocol errors (leader moved) are retryable', async () => {
  const error = await failedWith(createErrorFromCode(6)); // NOT_LEADER_FOR_PARTITION
  assert.equal(kafkaSendOutcome(error).status, 'retryable');
});

test('kafka outcome: MESSAGE_TOO_LARGE is rejected', async () => {
  const error = await failedWith(createErrorFromCode(10));
  const outcome = kafkaSendOutcome(error);
  assert.equal(outcome.status, 'rejected');
  assert.match(outcome.status === 'rejected' ? outcome.error.message : '', /larger than the max message size/);
});

test('kafka outcome: refused credentials or ACLs wait and retry instead of dead-lettering every message', async () => {
  for (const error of [await failedWith(Reflect.construct(KafkaJSSASLAuthenticationError, ['SASL PLAIN authentication failed']) as Error),
    await failedWith(createErrorFromCode(29))]) { // TOPIC_AUTHORIZATION_FAILED
    assert.deepEqual(kafkaSendOutcome(error), { status: 'retryable', retryInMillis: REFUSED_ACCESS_RETRY_MS, error });
  }
});

test('kafka outcome: programming errors and unknown failures are rejected', async () => {
  assert.equal(kafkaSendOutcome(await failedWith(new TypeError('x is not a function'))).status, 'rejected');
  assert.equal(kafkaSendOutcome(Reflect.construct(KafkaJSProtocolError, [{ type: 'INVALID_RECORD', code: 87, retriable: false, message: 'bad' }])).status, 'rejected');
  assert.equal(kafkaSendOutcome('not an error').status, 'rejected');
});

test('kafka outcome: a bare Node socket error is retryable', () => {
  const error = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
  assert.equal(kafkaSendOutcome(error).status, 'retryable');
});

test('kafka outcome: kafkajs\'s plain "Broker not connected" (a connect that did not finish) is retryable', () => {
  assert.equal(kafkaSendOutcome(new Error('Broker not connected')).status, 'retryable');
});
