import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateSync } from 'class-validator';
import { sectionKeys } from '../../../src/core/config/config-section';
import { CoreConfig } from '../../../src/core/config/core-config';
import { MemoryLogger } from '../../../src/core/log/logger';
import { LineFraming } from '../../../src/core/mozdef/line-framing';
import { Stats } from '../../../src/core/stats/stats';
import { fluentdSinkDefinition } from '../../../src/sinks/fluentd/fluentd-sink-definition';
import { FluentdSinkConfig } from '../../../src/sinks/fluentd/fluentd-sink-config';

test('the fluentd section owns its keys, with the documented defaults, and they validate', () => {
  assert.deepEqual(sectionKeys(FluentdSinkConfig).sort(), [
    'fluentd_host', 'fluentd_password', 'fluentd_port', 'fluentd_require_ack', 'fluentd_shared_key', 'fluentd_tag',
    'fluentd_tag_by_category', 'fluentd_timeout', 'fluentd_tls', 'fluentd_tls_ca', 'fluentd_tls_cert', 'fluentd_tls_key',
    'fluentd_username',
  ]);
  const defaults = new FluentdSinkConfig();
  assert.equal(defaults.fluentd_port, 24224);
  assert.equal(defaults.fluentd_tag, 'audit.mozdef');
  assert.equal(defaults.fluentd_require_ack, true);
  assert.equal(defaults.fluentd_tag_by_category, false);
  assert.deepEqual(validateSync(defaults), []);
});

test('a bad tag and an out-of-range port are reported together', () => {
  const config = Object.assign(new FluentdSinkConfig(), { fluentd_tag: 'audit..x', fluentd_port: 70000 });
  assert.deepEqual(validateSync(config).map((error) => error.property).sort(), ['fluentd_port', 'fluentd_tag']);
});

test('the definition is configured by fluentd_host and builds a sink named fluentd', async () => {
  assert.equal(fluentdSinkDefinition.name, 'fluentd');
  assert.equal(fluentdSinkDefinition.isConfigured(new FluentdSinkConfig()), false);
  const config = Object.assign(new FluentdSinkConfig(), { fluentd_host: '127.0.0.1' });
  assert.equal(fluentdSinkDefinition.isConfigured(config), true);
  const sink = fluentdSinkDefinition.create(config, {
    core: new CoreConfig(), logger: new MemoryLogger(), stats: new Stats(), framing: new LineFraming('', ''),
  });
  assert.equal(sink.name, 'fluentd');
  assert.equal(sink.maxBatch, 100);
  await sink.shutdown();
});
