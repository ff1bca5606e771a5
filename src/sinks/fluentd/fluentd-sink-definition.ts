import type { SinkDefinition } from '../registry';
import { SinkSetupError } from '../sink-setup-error';
import { FluentdSinkConfig } from './fluentd-sink-config';

export const fluentdSinkDefinition: SinkDefinition<FluentdSinkConfig> = {
  name: 'fluentd',
  configSection: FluentdSinkConfig,
  isConfigured: (config) => config.fluentd_host !== undefined,
  create: (config, context) => {
    if (config.fluentd_host === undefined) throw new SinkSetupError('fluentd_host', 'required when the fluentd sink is enabled');
    // Loaded only when enabled: fluent-logger costs start-up time that file-only plugins need not pay.
    const { FluentdSink } = require('./fluentd-sink') as typeof import('./fluentd-sink');
    return new FluentdSink(config, context.logger, context.core.hostname);
  },
};
