import type { MozDefFormatterOptions } from '../../src/core/mozdef/mozdef-formatter';

/** Formatter options of the unit tests: fixed host, version and pid, so messages are predictable. */
export const TEST_FORMATTER_OPTIONS: MozDefFormatterOptions = {
  hostname: 'web1.example.com',
  version: '0.1.0',
  ignoreEmptyExecve: true,
  maxValueLength: 4096,
  processId: 4242,
};
