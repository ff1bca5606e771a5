import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { LineFraming } from '../../src/core/mozdef/line-framing';
import { checkWrapping } from '../../src/core/mozdef/wrap-check';
import { FluentdSinkConfig } from '../../src/sinks/fluentd/fluentd-sink-config';

function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}
const example = (name: string) => fs.readFileSync(path.join(repoRoot(), 'examples/fluentd', name), 'utf8');

test('examples/fluentd/fluent.conf listens on 127.0.0.1 at the default fluentd_port and matches the default tag', () => {
  const conf = example('fluent.conf');
  const defaults = new FluentdSinkConfig();
  assert.match(conf, /^\s*@type forward$/m);
  assert.match(conf, /^\s*bind 127\.0\.0\.1$/m);
  assert.equal(Number(/^\s*port (\d+)$/m.exec(conf)?.[1]), defaults.fluentd_port);
  assert.equal(defaults.fluentd_tag.split('.')[0], /^<match (\w+)\.\*\*>$/m.exec(conf)?.[1]);
});

test('examples/fluentd/fluent-tail.conf names wrappers that pass wrap_check', () => {
  const conf = example('fluent-tail.conf');
  const prepend = /^#\s*prepend_msg=(.*)$/m.exec(conf)?.[1];
  const postpend = /^#\s*postpend_msg=(.*)$/m.exec(conf)?.[1];
  assert.equal(prepend, '{"message":');
  assert.equal(postpend, '}');
  assert.deepEqual(checkWrapping(new LineFraming(prepend, postpend)), { ok: true });
  assert.match(conf, /^\s*@type tail$/m);
  assert.match(conf, /^\s*@type json$/m);
});
