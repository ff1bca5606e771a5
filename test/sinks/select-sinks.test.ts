import 'reflect-metadata';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '../../src/core/config/load-config';
import { allConfigSections } from '../../src/di/container';
import { BUILTIN_SINKS } from '../../src/di/builtin-sinks';
import { selectSinks } from '../../src/sinks/select-sinks';

function chosen(text: string): string[] | string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'audisp-json-select-'));
  try {
    const file = path.join(dir, 'audisp-json.conf');
    writeFileSync(file, text, { mode: 0o600 });
    const selection = selectSinks(loadConfig({ explicitPath: file, sections: allConfigSections() }), BUILTIN_SINKS);
    return selection.ok ? selection.sinks.map((d) => d.name) : selection.problems.map((p) => `${p.line}:${p.message}`).join(';');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('sinks = names them, in order; an unknown name is a problem on its line', () => {
  assert.deepEqual(chosen('sinks = kafka, file\nkafka_brokers = a:1\nfile_log = /tmp/x\n'), ['kafka', 'file']);
  assert.match(chosen('\nsinks = mozdef, kafak\n') as string, /^2:unknown sink "kafak"/);
});

test('without sinks: file_log alone means file only, as the original', () => {
  assert.deepEqual(chosen('file_log = /tmp/x\nfluentd_host = h\n'), ['file']);
});

test('without sinks: written destinations (fluentd_host, kafka_brokers) are used, else MozDef', () => {
  assert.deepEqual(chosen('fluentd_host = 127.0.0.1\nkafka_brokers = k:9092\n'), ['kafka', 'fluentd']);
  assert.deepEqual(chosen('# nothing\n'), ['mozdef']);
});
