import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fluentdTag } from '../../../src/sinks/fluentd/fluentd-tag';

test('fluentd_tag is used as is unless tagging by category', () => {
  assert.equal(fluentdTag('audit.mozdef', false, 'execve'), 'audit.mozdef');
});

test('tag by category replaces the last word of fluentd_tag with the category', () => {
  assert.equal(fluentdTag('audit.mozdef', true, 'execve'), 'audit.execve');
  assert.equal(fluentdTag('site.audit.mozdef', true, 'write'), 'site.audit.write');
  assert.equal(fluentdTag('audit', true, 'chmod'), 'audit.chmod');
});

test('tag by category lowercases and replaces characters outside a-z 0-9 _ -', () => {
  assert.equal(fluentdTag('audit.mozdef', true, 'AVC denied.x'), 'audit.avc_denied_x');
  assert.equal(fluentdTag('audit.mozdef', true, ''), 'audit.unknown');
});
