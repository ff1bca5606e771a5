import type { SinkDefinition } from '../registry';
import { kafkaClientOptions } from './kafka-client-options';
import { KafkaSink, type KafkaKeyMode } from './kafka-sink';
import { KafkaSinkConfig } from './kafka-sink-config';

/** `sinks = kafka`: produces every message to one topic of a Kafka cluster. */
export const kafkaSinkDefinition: SinkDefinition<KafkaSinkConfig> = {
  name: 'kafka',
  configSection: KafkaSinkConfig,
  isConfigured: (config) => (config.kafka_brokers?.length ?? 0) > 0,
  create: (config, context) => {
    // Enabled by `sinks = kafka` without a destination: a configuration error, refused like one.
    if (!config.kafka_brokers?.length) throw new Error('kafka_brokers: required when the kafka sink is enabled');
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
