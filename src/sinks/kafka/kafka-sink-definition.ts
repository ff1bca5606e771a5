import type { SinkDefinition } from '../registry';
import type { KafkaKeyMode } from './kafka-sink';
import { KafkaSinkConfig } from './kafka-sink-config';
import { SinkSetupError } from '../sink-setup-error';

/** `sinks = kafka`: produces every message to one topic of a Kafka cluster. */
export const kafkaSinkDefinition: SinkDefinition<KafkaSinkConfig> = {
  name: 'kafka',
  configSection: KafkaSinkConfig,
  isConfigured: (config) => (config.kafka_brokers?.length ?? 0) > 0,
  create: (config, context) => {
    // Enabled by `sinks = kafka` without a destination: a configuration error, refused like one.
    if (!config.kafka_brokers?.length) throw new SinkSetupError('kafka_brokers', 'required when the kafka sink is enabled');
    // Loaded only when enabled: kafkajs costs start-up time that file-only plugins need not pay.
    const { KafkaSink } = require('./kafka-sink') as typeof import('./kafka-sink');
    const { kafkaClientOptions } = require('./kafka-client-options') as typeof import('./kafka-client-options');
    return new KafkaSink(
      {
        name: 'kafka',
        topic: config.kafka_topic,
        key: config.kafka_key as KafkaKeyMode,
        maxBatch: config.kafka_batch_max_messages,
        lingerMillis: config.kafka_linger_ms,
        client: kafkaClientOptions(config),
      },
      context.logger,
    );
  },
};
