import type { SinkDefinition } from '../registry';
import { MozDefSink } from './mozdef-sink';
import { MozDefSinkConfig } from './mozdef-sink-config';

export const mozdefSinkDefinition: SinkDefinition<MozDefSinkConfig> = {
  name: 'mozdef',
  configSection: MozDefSinkConfig,
  // mozdef_url always has a default (as in the original), so "configured" means enabled by `sinks` or by
  // the loader's rule "mozdef when mozdef_url is set": the loader decides whether the key was written.
  isConfigured: (config) => config.mozdef_url !== '',
  create: (config, context) => new MozDefSink(config, context.logger),
};
