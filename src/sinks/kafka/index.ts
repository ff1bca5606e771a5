export { kafkaSinkDefinition } from './kafka-sink-definition';
export { KafkaSinkConfig } from './kafka-sink-config';
export { KafkaSink } from './kafka-sink';
