import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuditEvent } from '../../../src/core/audit/audit-event';
import type { DeliveryChain } from '../../../src/core/delivery/delivery-chain';
import { InlineFormatStage } from '../../../src/core/format/inline-format-stage';
import { MemoryLogger } from '../../../src/core/log/logger';
import type { EventFormatter } from '../../../src/core/mozdef/event-formatter';
import { Pipeline } from '../../../src/core/pipeline/pipeline';
import { Router } from '../../../src/core/pipeline/router';
import { Stats } from '../../../src/core/stats/stats';
import type { OutboundMessage } from '../../../src/sinks/sink';

/** Throws on serial 3, skips serial 2, otherwise a message with the event's id. */
const formatter: EventFormatter = {
  format(event: AuditEvent): OutboundMessage | undefined {
    if (event.serial === 3) throw new Error('broken event 3');
    if (event.serial === 2) return undefined;
    const id = `h:${event.time}:${event.serial}`;
    return { id, category: 'audit', hostname: 'h', time: Number(event.time), json: JSON.stringify({ id }) };
  },
};

function userLine(serial: number): string {
  return `type=USER msg=audit(1700000000.00${serial}:${serial}): pid=1 uid=0 msg='op=x res=success'`;
}

test('InlineFormatStage: messages, skips and format errors go to the listener at once, in order', async () => {
  const calls: string[] = [];
  const stage = new InlineFormatStage(formatter);
  stage.connect({
    message: (m) => calls.push(`message ${m.id}`),
    skipped: (n) => calls.push(`skipped ${n}`),
    failed: (n, reason, detail) => calls.push(`failed ${n} ${reason} ${detail}`),
  });
  for (const serial of [1, 2, 3, 4]) stage.submit({ node: undefined, time: `1700000000.00${serial}`, serial, records: [] });
  assert.deepEqual(calls, [
    'message h:1700000000.001:1',
    'skipped 1',
    'failed 1 format_error broken event 3',
    'message h:1700000000.004:4',
  ]);
  assert.equal(stage.room(), undefined);
  await stage.settle();
  await stage.close();
});

test('the pipeline counts what the format stage reports: messages routed, skipped, failed by reason, failures logged', async () => {
  const stats = new Stats();
  const logger = new MemoryLogger();
  const routed: string[] = [];
  const chain = { offer: (m: OutboundMessage) => void routed.push(m.id) } as unknown as DeliveryChain;
  const pipeline = new Pipeline({ endOfEventTimeoutMs: 2000, maxOpenEvents: 100 }, new InlineFormatStage(formatter), new Router([chain]), stats, logger);
  for (const serial of [1, 2, 3, 4, 5]) pipeline.handleLine(userLine(serial));
  pipeline.flush();
  await pipeline.settle();
  assert.deepEqual(routed, ['h:1700000000.001:1', 'h:1700000000.004:4', 'h:1700000000.005:5']);
  assert.equal(stats.get('formatter', 'messages'), 3);
  assert.equal(stats.get('formatter', 'skipped'), 1);
  assert.equal(stats.get('formatter', 'failed.format_error'), 1);
  assert.deepEqual(logger.lines, ['error: formatting failed, 1 event(s) lost (format_error): broken event 3']);
});
