import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Pipeline } from '../../../src/core/pipeline/pipeline';
import { InlineFormatStage } from '../../../src/core/format/inline-format-stage';
import { Router } from '../../../src/core/pipeline/router';
import { Stats } from '../../../src/core/stats/stats';
import { MemoryLogger } from '../../../src/core/log/logger';

test('the pipeline counts serials that never arrived (window passed), per node, in the audit stats', () => {
  const stats = new Stats();
  const pipeline = new Pipeline({ endOfEventTimeoutMs: 2000, maxOpenEvents: 100 }, new InlineFormatStage({ format: () => undefined }), new Router([]), stats, new MemoryLogger());
  const line = (serial: number): string => `type=USER msg=audit(1700000000.${String(serial % 1000).padStart(3, '0')}:${serial}): pid=1 uid=0 msg='x'`;
  for (let s = 1; s <= 1100; s++) if (s !== 42 && s !== 43) pipeline.handleLine(line(s));
  pipeline.handleLine('type=DAEMON_START msg=audit(1700000001.000:9): op=start'); // auditd's own counter: ignored
  pipeline.flush();
  assert.equal(stats.get('audit', 'serials.lost'), 2);
  assert.deepEqual(pipeline.serialGaps.report().examples, [{ node: '', first: 42, last: 43 }]);
});
