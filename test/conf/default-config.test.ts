import 'reflect-metadata';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { allConfigSections } from '../../src/di/container';
import { sectionKeys } from '../../src/core/config/config-section';
import { repoRoot } from '../support/paths';
import { runCli } from '../support/run-cli';

const SHIPPED = path.join(repoRoot(), 'conf.d', 'audisp-json.conf');

test('the shipped config documents every key the program knows', () => {
  const text = readFileSync(SHIPPED, 'utf8');
  const documented = new Set([...text.matchAll(/^#?([a-z_0-9]+) =/gm)].map((m) => m[1]));
  const known = allConfigSections().flatMap((section) => sectionKeys(section));
  assert.deepEqual(known.filter((key) => !documented.has(key)), []);
  assert.deepEqual([...documented].filter((key) => !known.includes(key)), []);
});

test('the shipped config is valid as it is', async () => {
  const result = await runCli(['--config', SHIPPED, '--check-config']);
  assert.equal(result.code, 0, result.stderr);
});
