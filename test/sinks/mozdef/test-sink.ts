import { MemoryLogger } from '../../../src/core/log/logger';
import type { LineFraming } from '../../../src/core/mozdef/line-framing';
import { MozDefSink } from '../../../src/sinks/mozdef/mozdef-sink';
import { MozDefSinkConfig } from '../../../src/sinks/mozdef/mozdef-sink-config';

/** A MozDef sink for tests (node --test also loads this file; it defines no test). */
export function mozdefSink(overrides: Partial<MozDefSinkConfig>, logger = new MemoryLogger(), framing?: LineFraming): MozDefSink {
  return new MozDefSink(Object.assign(new MozDefSinkConfig(), { mozdef_timeout: 5 }, overrides), logger, framing);
}
