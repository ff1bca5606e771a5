import type { SinkDefinition } from '../registry';
import { FileSinkConfig } from './file-sink-config';
import { FileSink } from './file-sink';

export const fileSinkDefinition: SinkDefinition<FileSinkConfig> = {
  name: 'file',
  configSection: FileSinkConfig,
  isConfigured: (config) => config.file_log !== undefined,
  create: (config, context) => {
    if (config.file_log === undefined) throw new Error('sink "file" needs file_log = /path/to/file');
    return new FileSink(config.file_log, context.framing);
  },
};
