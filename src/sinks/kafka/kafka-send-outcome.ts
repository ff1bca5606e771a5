import type { SendResult } from '../sink';

/**
 * The peer refuses us, not the messages (credentials, ACLs): dead-lettering every message until an
 * operator fixes the config would be worse than keeping them spooled, so these wait and retry.
 */
const REFUSED_ACCESS = new Set([
  'KafkaJSSASLAuthenticationError',
  'TOPIC_AUTHORIZATION_FAILED',
  'CLUSTER_AUTHORIZATION_FAILED',
  'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
]);
export const REFUSED_ACCESS_RETRY_MS = 30_000;

/** kafkajs errors that mean "the cluster is unreachable or busy now", whatever their flag says. */
const TRANSIENT_NAMES = new Set([
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSMetadataNotLoaded',
  'KafkaJSTopicMetadataNotLoaded',
  'KafkaJSStaleTopicMetadataAssignment',
  'KafkaJSLockTimeout',
]);

interface KafkaJsErrorShape extends Error {
  retriable?: boolean;
  type?: string;
  cause?: unknown;
}

/**
 * One failed `producer.send` (or connect) as a delivery outcome. With `retries: 0` kafkajs wraps
 * the real error: a retriable one in KafkaJSNumberOfRetriesExceeded, any other in
 * KafkaJSNonRetriableError, so the cause decides.
 */
export function kafkaSendOutcome(error: unknown): SendResult {
  const err = asError(error);
  const root = innermost(err);
  if (REFUSED_ACCESS.has(root.name) || (root.type !== undefined && REFUSED_ACCESS.has(root.type))) {
    return { status: 'retryable', retryInMillis: REFUSED_ACCESS_RETRY_MS, error: err };
  }
  if (err.name === 'KafkaJSNumberOfRetriesExceeded' || isTransient(root)) {
    return { status: 'retryable', error: err };
  }
  return { status: 'rejected', error: err };
}

function isTransient(err: KafkaJsErrorShape): boolean {
  if (TRANSIENT_NAMES.has(err.name)) return true;
  // kafkajs throws plain Errors for a broker whose connect did not finish.
  if (err.message === 'Broker not connected') return true;
  // Node's own errors (ECONNREFUSED, EPIPE...) carry a code and no kafkajs flag.
  if (typeof (err as NodeJS.ErrnoException).code === 'string' && err.retriable === undefined) return true;
  return err.retriable === true;
}

/** Follows `cause` through kafkajs's wrappers to the error that happened. */
function innermost(err: KafkaJsErrorShape): KafkaJsErrorShape {
  let current = err;
  for (let depth = 0; depth < 8; depth++) {
    const cause = current.cause;
    if (!(cause instanceof Error) || cause === current) break;
    current = cause as KafkaJsErrorShape;
  }
  return current;
}

function asError(error: unknown): KafkaJsErrorShape {
  return error instanceof Error ? error : new Error(String(error));
}
