import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryLogger } from '../../../src/core/log/logger';
import { Stats } from '../../../src/core/stats/stats';
import { StatsReporter } from '../../../src/core/stats/stats-reporter';

test('stats reporter logs one line per scope on demand, and stop is safe twice', () => {
  const stats = new Stats();
  stats.count('mozdef', 'delivered', 3);
  stats.count('mozdef', 'dropped.spool_full');
  const logger = new MemoryLogger();
  const reporter = new StatsReporter(stats, logger, 60);
  reporter.start();
  reporter.report();
  assert.deepEqual(logger.lines, ['info: stats: mozdef: delivered=3 dropped.spool_full=1']);
  reporter.stop();
  reporter.stop();
});
