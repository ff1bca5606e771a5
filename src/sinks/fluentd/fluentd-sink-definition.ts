import type { SinkDefinition } from '../registry';
import { FluentdSink } from './fluentd-sink';
import { FluentdSinkConfig } from './fluentd-sink-config';

export const fluentdSinkDefinition: SinkDefinition<FluentdSinkConfig> = {
  name: 'fluentd',
  configSection: FluentdSinkConfig,
  isConfigured: (config) => config.fluentd_host !== undefined,
  create: (config, context) => new FluentdSink(config, context.logger, context.core.hostname),
};
