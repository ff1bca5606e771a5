import type { SinkDefinition } from '../registry';
import { MozDefSinkConfig } from './mozdef-sink-config';

export const mozdefSinkDefinition: SinkDefinition<MozDefSinkConfig> = {
  name: 'mozdef',
  configSection: MozDefSinkConfig,
  // mozdef_url always has a default (as in the original), so "configured" means enabled by `sinks` or by
  // the loader's rule "mozdef when mozdef_url is set": the loader decides whether the key was written.
  isConfigured: (config) => config.mozdef_url !== '',
  create: (config, context) => {
    // Loaded only when enabled: undici costs start-up time that file-only plugins need not pay.
    const { MozDefSink } = require('./mozdef-sink') as typeof import('./mozdef-sink');
    return new MozDefSink(config, context.logger, config.mozdef_wrap_body ? context.framing : undefined);
  },
};
