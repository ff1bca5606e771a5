import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { ArrayNotEmpty, IsBoolean, IsInt, IsNumber, IsOptional, IsString, Max } from 'class-validator';
import { configValueType } from '../../../src/core/config/config-value-type';
import { CoreConfig } from '../../../src/core/config/core-config';
import { loadConfig } from '../../../src/core/config/load-config';
import { TempConfigDir } from './temp-config-dir';

class Typed {
  @IsNumber() annotated: number = 1;
  @IsNumber() inferred = 1;
  @IsOptional() @IsInt() optionalNumber: number | undefined = undefined;
  @IsOptional() @Max(9) boundedNumber: number | undefined = undefined;
  @IsOptional() @IsBoolean() optionalFlag: boolean | undefined = undefined;
  @IsOptional() @IsString({ each: true }) eachList: string[] | undefined = undefined;
  @IsOptional() @ArrayNotEmpty() nonEmptyList: string[] | undefined = undefined;
  @IsOptional() @IsString() optionalText: string | undefined = undefined;
  @IsOptional() @IsString() questionList?: string[] = undefined;
}

test('design:type decides when tsc recorded a precise type', () => {
  assert.equal(configValueType(Typed, 'annotated', 1), Number);
  assert.equal(configValueType(Typed, 'questionList', undefined), Array);
});

test('an inferred property falls back to the type of its default', () => {
  assert.equal(configValueType(Typed, 'inferred', 1), Number);
});

test('T | undefined with no default falls back to the validators', () => {
  assert.equal(configValueType(Typed, 'optionalNumber', undefined), Number);
  assert.equal(configValueType(Typed, 'boundedNumber', undefined), Number);
  assert.equal(configValueType(Typed, 'optionalFlag', undefined), Boolean);
  assert.equal(configValueType(Typed, 'eachList', undefined), Array);
  assert.equal(configValueType(Typed, 'nonEmptyList', undefined), Array);
  assert.equal(configValueType(Typed, 'optionalText', undefined), String);
});

const dir = new TempConfigDir();
after(() => dir.remove());

test('CoreConfig loads through the loader with every key converted to its type', () => {
  const file = dir.write('core/audisp-json.conf', [
    'sinks = mozdef, kafka', 'hostname = web1.example.com', 'format = binary', 'end_of_event_timeout = 0.5',
    'max_open_events = 500', 'ignore_empty_execve = no', 'prepend_msg={"message":', 'postpend_msg = "}"',
    'stats_interval = 0', 'shutdown_timeout = 3', 'log_level = debug', '',
  ].join('\n'));
  const core = loadConfig({ explicitPath: file, sections: [CoreConfig] }).section(CoreConfig);
  assert.deepEqual({ ...core }, {
    sinks: ['mozdef', 'kafka'], hostname: 'web1.example.com', format: 'binary', end_of_event_timeout: 0.5,
    max_open_events: 500,
    max_value_length: 16384, ignore_empty_execve: false, prepend_msg: '{"message":', postpend_msg: '}', wrap_check: false,
    stats_interval: 0, shutdown_timeout: 3, log_level: 'debug',
  });
});
