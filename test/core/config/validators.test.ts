import 'reflect-metadata';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { IsInt, IsOptional, Min, validateSync } from '../../../src/core/config/validators';

class Sample {
  @IsOptional()
  @IsInt()
  @Min(1)
  count?: unknown;
}

test('the decorators and validateSync loaded file by file validate like class-validator', () => {
  const ok = Object.assign(new Sample(), { count: 3 });
  const bad = Object.assign(new Sample(), { count: 0.5 });
  assert.deepEqual(validateSync(ok), []);
  const errors = validateSync(bad);
  assert.equal(errors.length, 1);
  assert.equal(errors[0].property, 'count');
  assert.deepEqual(Object.keys(errors[0].constraints ?? {}).sort(), ['isInt', 'min']);
});

test("the program's modules do not load class-validator's index (every validator it has, 140 ms)", () => {
  const container = path.join(__dirname, '..', '..', '..', 'src', 'di', 'container.js');
  const loaded = execFileSync(process.execPath, [
    '-e',
    `require('reflect-metadata'); require(${JSON.stringify(container)});`
      + `console.log(Object.keys(require.cache).filter((f) => f.includes('class-validator')).map((f) => f.split('class-validator/')[1]).join('\\n'))`,
  ], { encoding: 'utf8' }).trim().split('\n');
  assert.ok(loaded.some((f) => f.startsWith('cjs/decorator/')), 'the decorators are loaded');
  assert.ok(!loaded.includes('cjs/index.js'), 'the index is not');
});
