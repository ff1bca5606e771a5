import 'reflect-metadata';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from '../../src/core/app';
import { loadConfig } from '../../src/core/config/load-config';
import { RecentProcessTable } from '../../src/core/interpret/recent-process-table';
import { WorkerFormatStage } from '../../src/core/format/worker-format-stage';
import { StderrLogger } from '../../src/core/log/logger';
import { Stats } from '../../src/core/stats/stats';
import { allConfigSections, buildContainer } from '../../src/di/container';
import { EXIT_SERIAL, THROW_SERIAL } from '../fixtures/format/misbehaving-serials';

const MISBEHAVING = path.join(__dirname, '../fixtures/format/misbehaving-worker.js');

function userRecords(serials: readonly number[]): string {
  return serials.map((s) => `type=USER msg=audit(1700000000.${String(s % 1000).padStart(3, '0')}:${s}): pid=1 uid=0 auid=0 ses=1 msg='op=test res=success'\n`).join('');
}

test('events lost in formatting are counted, logged, and reported as loss; the rest is delivered', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'audisp-json-app-'));
  try {
    const conf = path.join(dir, 'audisp-json.conf');
    writeFileSync(conf, `file_log = ${dir}/out.log\nstats_interval = 0\nspool_dir = ${dir}/spool\n`, { mode: 0o600 });
    // Each input file is one batch: the first has an event the formatter throws on, the worker dies
    // on the second, losing its 4 events and the third's 2 if that batch was already out.
    const inputs = [
      [userRecords([1, 2, THROW_SERIAL, 3]), 'a.log'],
      [userRecords([4, EXIT_SERIAL, 5, 6]), 'b.log'],
      [userRecords([7, 8]), 'c.log'],
    ].map(([text, name]) => {
      writeFileSync(path.join(dir, name), text);
      return path.join(dir, name);
    });
    const lines: string[] = [];
    const logger = new StderrLogger('info', (line) => lines.push(line));
    const stats = new Stats();
    const services = { logger, stats };
    const options = { explicitPath: conf, sections: allConfigSections() };
    const app = new App({
      logger,
      stats,
      build: (loaded) => buildContainer(loaded, services),
      reload: () => loadConfig(options),
      processes: new RecentProcessTable({ live: false }),
      startFormatting: (formatter) => new WorkerFormatStage({ formatter, logger, script: MISBEHAVING }),
    });
    await app.run(loadConfig(options), inputs);

    const serials = readFileSync(path.join(dir, 'out.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).details.auditserial);
    const lostWithWorker = stats.get('formatter', 'failed.worker_failed');
    assert.deepEqual(serials, lostWithWorker === 4 ? ['1', '2', '3', '7', '8'] : ['1', '2', '3']);
    assert.equal(stats.get('formatter', 'failed.format_error'), 1);
    assert.ok(lostWithWorker === 4 || lostWithWorker === 6, `lost with the worker: ${lostWithWorker}`);
    assert.equal(stats.get('formatter', 'messages') + 1 + lostWithWorker, 10, 'every event delivered or counted');
    const log = lines.join('');
    assert.match(log, /error: formatting failed, 1 event\(s\) lost \(format_error\): cannot format serial 777/);
    assert.match(log, /error: formatting worker stopped \(exit code 3\); starting it again/);
    assert.match(log, new RegExp(`warn: stats: events lost in formatting: format_error=1 worker_failed=${lostWithWorker}\n`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
