import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { CompressionTypes, Partitioners, type KafkaConfig, type ProducerConfig, type SASLOptions } from 'kafkajs';
import type { KafkaSinkConfig } from './kafka-sink-config';

/** kafka_acks as the protocol numbers it: -1 = all in-sync replicas. */
const ACKS: Record<string, number> = { all: -1, '1': 1, '0': 0 };

const COMPRESSION: Record<string, CompressionTypes> = {
  none: CompressionTypes.None,
  gzip: CompressionTypes.GZIP,
};

/** kafkajs's connect timeout (its default is 1 s, too short for TLS over a slow WAN link). */
const CONNECTION_TIMEOUT_MS = 5000;

/** What the sink hands to kafkajs, derived once from the config section. */
export interface KafkaClientOptions {
  readonly client: KafkaConfig;
  readonly producer: ProducerConfig;
  /** Per `producer.send`: the broker-side wait for replica acks, and compression. */
  readonly acks: number;
  readonly ackTimeoutMs: number;
  readonly compression: CompressionTypes;
}

/**
 * Maps the config onto kafkajs options. Throws (with the key's name) only when a TLS file cannot be
 * read: that is a configuration error, refused at startup or on reload, not a peer being down.
 */
export function kafkaClientOptions(config: KafkaSinkConfig): KafkaClientOptions {
  const requestTimeoutMs = Math.round(config.kafka_request_timeout * 1000);
  return {
    client: {
      clientId: config.kafka_client_id,
      brokers: [...(config.kafka_brokers ?? [])],
      ssl: tlsOptions(config),
      sasl: saslOptions(config),
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      requestTimeout: requestTimeoutMs,
      enforceRequestTimeout: true,
      // Our delivery chain retries with backoff and spills to disk; kafkajs must not multiply that.
      retry: { retries: 0 },
    },
    producer: {
      // Java-compatible murmur2: a key lands on the same partition as with other Kafka clients.
      createPartitioner: Partitioners.DefaultPartitioner,
      // kafkajs refuses an idempotent producer with 0 retries; one in-library retry reuses the
      // sequence numbers, which is what lets the broker discard a duplicate.
      retry: { retries: config.kafka_idempotent ? 1 : 0 },
      idempotent: config.kafka_idempotent,
      // Ordering per key: one request in flight (our chain sends one batch at a time anyway).
      maxInFlightRequests: 1,
      // Whether a missing topic is created is the broker's choice (auto.create.topics.enable).
      allowAutoTopicCreation: true,
    },
    acks: ACKS[config.kafka_acks] ?? -1,
    ackTimeoutMs: requestTimeoutMs,
    compression: COMPRESSION[config.kafka_compression] ?? CompressionTypes.None,
  };
}

function tlsOptions(config: KafkaSinkConfig): ConnectionOptions | undefined {
  const wanted = config.kafka_tls || config.kafka_tls_ca !== undefined || config.kafka_tls_cert !== undefined;
  if (!wanted) return undefined;
  const options: ConnectionOptions = { rejectUnauthorized: config.kafka_tls_verify };
  if (config.kafka_tls_ca !== undefined) options.ca = readPem('kafka_tls_ca', config.kafka_tls_ca);
  if (config.kafka_tls_cert !== undefined) options.cert = readPem('kafka_tls_cert', config.kafka_tls_cert);
  if (config.kafka_tls_key !== undefined) options.key = readPem('kafka_tls_key', config.kafka_tls_key);
  return options;
}

function saslOptions(config: KafkaSinkConfig): SASLOptions | undefined {
  const { kafka_sasl_mechanism: mechanism, kafka_sasl_username: username, kafka_sasl_password: password } = config;
  if (mechanism === undefined) return undefined;
  const credentials = { username: username ?? '', password: password ?? '' };
  switch (mechanism) {
    case 'plain':
      return { mechanism: 'plain', ...credentials };
    case 'scram-sha-256':
      return { mechanism: 'scram-sha-256', ...credentials };
    case 'scram-sha-512':
      return { mechanism: 'scram-sha-512', ...credentials };
    default:
      throw new Error(`kafka_sasl_mechanism: unknown mechanism ${mechanism}`);
  }
}

function readPem(key: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new Error(`${key}: cannot read ${file}: ${(error as Error).message}`);
  }
}
