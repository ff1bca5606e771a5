import type { SinkDefinition } from '../sinks/registry';
import { fileSinkDefinition } from '../sinks/file/file-sink-definition';
import { stdoutSinkDefinition } from '../sinks/stdout/stdout-sink-definition';
import { mozdefSinkDefinition } from '../sinks/mozdef/mozdef-sink-definition';
import { kafkaSinkDefinition } from '../sinks/kafka/kafka-sink-definition';
import { fluentdSinkDefinition } from '../sinks/fluentd/fluentd-sink-definition';

/** Every output kind this build knows; adding a sink is one folder and one line here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const BUILTIN_SINKS: readonly SinkDefinition<any>[] = [
  fileSinkDefinition,
  stdoutSinkDefinition,
  mozdefSinkDefinition,
  kafkaSinkDefinition,
  fluentdSinkDefinition,
];
