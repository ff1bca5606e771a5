import type { SinkDefinition } from '../registry';
import { StdoutSink } from './stdout-sink';

/** No keys of its own: prepend_msg / postpend_msg are core keys. */
export class StdoutSinkConfig {}

export const stdoutSinkDefinition: SinkDefinition<StdoutSinkConfig> = {
  name: 'stdout',
  configSection: StdoutSinkConfig,
  isConfigured: () => false,
  create: (_config, context) => new StdoutSink(context.framing),
};
