import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Min, MinLength } from 'class-validator';
import { ConfigError } from '../../../src/core/config/config-problem';
import { loadConfig, tryLoadConfig } from '../../../src/core/config/load-config';
import { TempConfigDir } from './temp-config-dir';

/** Test-only sections, typed in the ways section authors write them. */
class OutputSection {
  @IsOptional() @IsString()
  file_log: string | undefined = undefined;

  @IsInt() @Min(1)
  max_lines = 100;

  @IsBoolean()
  ssl_verify: boolean = true;

  @IsString()
  prepend_msg = '';
}

class RouteSection {
  @IsOptional() @IsString({ each: true })
  routes: string[] | undefined = undefined;

  @IsIn(['low', 'high'])
  priority = 'low';
}

const sections = [OutputSection, RouteSection];
const dir = new TempConfigDir();
after(() => dir.remove());

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a ConfigError');
}

test('values are converted by type and sourceOf tells file and line', () => {
  const file = dir.write('good/audisp-json.conf',
    '# output\nfile_log = /var/log/audisp-json.log\nmax_lines=7\nssl_verify = off\n' +
    'prepend_msg={"message":\nroutes = a, b c\npriority = high\n');
  const config = loadConfig({ explicitPath: file, sections });
  assert.deepEqual({ ...config.section(OutputSection) }, {
    file_log: '/var/log/audisp-json.log', max_lines: 7, ssl_verify: false, prepend_msg: '{"message":',
  });
  assert.deepEqual({ ...config.section(RouteSection) }, { routes: ['a', 'b', 'c'], priority: 'high' });
  assert.deepEqual(config.files, [file]);
  assert.equal(config.defaultsOnly, false);
  assert.deepEqual(config.sourceOf('file_log'), { file, line: 2 });
  assert.deepEqual(config.sourceOf('priority'), { file, line: 7 });
  assert.equal(config.sourceOf('nope'), undefined);
  assert.deepEqual(config.problemAt('file_log', 'directory /var/log is missing'),
    { file, line: 2, key: 'file_log', message: 'directory /var/log is missing' });
});

test('three mistakes are all reported with file, line and key, and a did-you-mean', () => {
  const file = dir.write('bad/audisp-json.conf',
    'fiel_log = /tmp/x.log\nmax_lines = 10x\n# fine\nssl_verify = maybe\npriority = high\n');
  const error = configError(() => loadConfig({ explicitPath: file, sections }));
  assert.deepEqual(error.problems, [
    { file, line: 1, key: 'fiel_log', message: 'unknown key; did you mean "file_log"?' },
    { file, line: 2, key: 'max_lines', message: 'expected a number, got "10x"' },
    { file, line: 4, key: 'ssl_verify', message: 'expected yes/no, true/false, on/off or 1/0, got "maybe"' },
  ]);
  assert.equal(error.message, [
    `${file}:1: fiel_log: unknown key; did you mean "file_log"?`,
    `${file}:2: max_lines: expected a number, got "10x"`,
    `${file}:4: ssl_verify: expected yes/no, true/false, on/off or 1/0, got "maybe"`,
  ].join('\n'));
});

test('validator failures name file, line and key without repeating the key', () => {
  const file = dir.write('invalid/audisp-json.conf', 'max_lines = 0\npriority = urgent\nbroken line\n');
  const error = configError(() => loadConfig({ explicitPath: file, sections }));
  assert.deepEqual(error.message.split('\n'), [
    `${file}:1: max_lines: must not be less than 1 (got 0)`,
    `${file}:2: priority: must be one of the following values: low, high (got "urgent")`,
    `${file}:3: expected "key = value", got "broken line"`,
  ]);
});

test('a bad default value is reported by key only', () => {
  class BadDefault {
    @IsInt() @Min(5)
    floor = 1;
  }
  const file = dir.write('bad-default/audisp-json.conf', '');
  const error = configError(() => loadConfig({ explicitPath: file, sections: [BadDefault] }));
  assert.equal(error.message, 'floor: must not be less than 5 (got 1)');
});

test('drop-ins override the main file and each other in lexical order', () => {
  const main = dir.write('layered/audisp-json.conf', 'max_lines = 1\npriority = low\nfile_log = /a\n');
  const second = dir.write('layered/audisp-json.d/20-second.conf', 'max_lines = 3\n');
  dir.write('layered/audisp-json.d/10-first.conf', 'max_lines = 2\npriority = high\n');
  const config = loadConfig({ explicitPath: main, sections });
  assert.equal(config.files.length, 3);
  assert.equal(config.section(OutputSection).max_lines, 3);
  assert.equal(config.section(RouteSection).priority, 'high');
  assert.equal(config.section(OutputSection).file_log, '/a');
  assert.deepEqual(config.sourceOf('max_lines'), { file: second, line: 1 });
});

test('an empty value resets a key to its default', () => {
  const main = dir.write('reset/audisp-json.conf', 'max_lines = 9\nfile_log = /x\n');
  dir.write('reset/audisp-json.d/50.conf', 'max_lines =\nfile_log =\n');
  const config = loadConfig({ explicitPath: main, sections });
  assert.equal(config.section(OutputSection).max_lines, 100);
  assert.equal(config.section(OutputSection).file_log, undefined);
});

test('no config file at all gives the defaults and says so', () => {
  const searchPaths = [dir.join('none/a.conf'), dir.join('none/b.conf')];
  const config = loadConfig({ searchPaths, sections });
  assert.equal(config.defaultsOnly, true);
  assert.deepEqual(config.files, []);
  assert.deepEqual(config.searched, searchPaths);
  assert.deepEqual({ ...config.section(OutputSection) }, { ...new OutputSection() });
});

test('the search order picks the first existing file', () => {
  const second = dir.write('order/2/audisp-json.conf', 'max_lines = 2\n');
  dir.write('order/3/audisp-json.conf', 'max_lines = 3\n');
  const config = loadConfig({
    searchPaths: [dir.join('order/1/audisp-json.conf'), second, dir.join('order/3/audisp-json.conf')], sections,
  });
  assert.deepEqual(config.files, [second]);
  assert.equal(config.section(OutputSection).max_lines, 2);
});

test('a world-writable config file is refused with its name and the reason', () => {
  const file = dir.write('world/audisp-json.conf', 'max_lines = 2\n', 0o646);
  const error = configError(() => loadConfig({ explicitPath: file, sections }));
  assert.equal(error.message, `${file}: refused: world-writable (mode 0646); run chmod o-w on it`);
});

test('a world-writable drop-in is refused and problems in other files are still reported', () => {
  const main = dir.write('world-dropin/audisp-json.conf', 'max_lines = x\n');
  const dropIn = dir.write('world-dropin/audisp-json.d/10.conf', 'max_lines = 2\n', 0o666);
  const error = configError(() => loadConfig({ explicitPath: main, sections }));
  assert.deepEqual(error.message.split('\n'), [
    `${main}:1: max_lines: expected a number, got "x"`,
    `${dropIn}: refused: world-writable (mode 0666); run chmod o-w on it`,
  ]);
});

test('a directory given as the config file is refused', () => {
  const sub = dir.join('adir');
  fs.mkdirSync(sub);
  const error = configError(() => loadConfig({ explicitPath: sub, sections }));
  assert.equal(error.message, `${sub}: refused: not a regular file (a directory)`);
});

test('a missing --config file is an error, not the defaults', () => {
  const missing = dir.join('missing/audisp-json.conf');
  const error = configError(() => loadConfig({ explicitPath: missing, sections }));
  assert.equal(error.message, `${missing}: cannot open: no such file or directory`);
});

test('sections are built once, frozen, and shared', () => {
  const file = dir.write('frozen/audisp-json.conf', 'routes = a\n');
  const config = loadConfig({ explicitPath: file, sections });
  const routes = config.section(RouteSection);
  assert.equal(config.section(RouteSection), routes);
  assert.ok(routes instanceof RouteSection);
  assert.throws(() => { (routes as { priority: string }).priority = 'high'; }, TypeError);
  assert.throws(() => { routes.routes?.push('b'); }, TypeError);
  assert.throws(() => config.section(class Unloaded {}), /was not loaded/);
});

test('a key owned by two sections is a programming error, thrown plainly', () => {
  class Clash {
    @IsString()
    priority = 'x';
  }
  assert.throws(() => tryLoadConfig({ searchPaths: [], sections: [RouteSection, Clash] }),
    (error: unknown) => error instanceof Error && !(error instanceof ConfigError) &&
      /"priority" is owned by both RouteSection and Clash/.test(error.message));
});

test('tryLoadConfig returns problems as a value', () => {
  const file = dir.write('try/audisp-json.conf', 'max_lines = -1\n');
  const result = tryLoadConfig({ explicitPath: file, sections });
  assert.deepEqual(result, {
    ok: false, problems: [{ file, line: 1, key: 'max_lines', message: 'must not be less than 1 (got -1)' }],
  });
});

test('values of secret-looking keys are not echoed in problems', () => {
  class Secrets {
    @IsString() @MinLength(8)
    sasl_password = 'long enough';
  }
  const file = dir.write('secret/audisp-json.conf', 'sasl_password = hunter2\n');
  const error = configError(() => loadConfig({ explicitPath: file, sections: [Secrets] }));
  assert.equal(error.message, `${file}:1: sasl_password: must be longer than or equal to 8 characters`);
});
