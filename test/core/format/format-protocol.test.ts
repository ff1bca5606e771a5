import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRecordLine } from '../../../src/core/audit/parse-record';
import { formatBatch, type BatchEvents } from '../../../src/core/format/format-protocol';
import { TableSyscallNames } from '../../../src/core/interpret/table-syscall-names';
import { MozDefFormatter } from '../../../src/core/mozdef/mozdef-formatter';
import { TEST_FORMATTER_OPTIONS as OPTIONS } from '../../support/formatter-options';
import { TableUserDirectory } from '../mozdef/lookup-tables';

function batch(lines: string[][], names: [number, number, string][] = []): BatchEvents {
  return {
    lines: lines.flat(), sizes: lines.map((l) => l.length),
    namedEvents: names.map(([e]) => e), namedPids: names.map(([, p]) => p), names: names.map(([, , n]) => n),
  };
}

const formatter = new MozDefFormatter(OPTIONS, new TableSyscallNames(), new TableUserDirectory());

/** The documents of a result, cut at the byte lengths it gives. */
function documents(result: ReturnType<typeof formatBatch>): string[] {
  const bytes = Buffer.from(result.documents);
  let start = 0;
  return result.documentBytes.map((n) => {
    const text = bytes.toString('utf8', start, start + n);
    assert.equal(bytes[start + n], 10, 'each document is followed by its newline');
    start += n + 1;
    return text;
  });
}

test('a batch comes back as ids and UTF-8 documents whose byte lengths hold, ASCII or not', () => {
  for (const text of ['plain', 'caf\u00e9 \u65e5\u672c \u{1f600}']) {
    const hex = Buffer.from(text).toString('hex').toUpperCase();
    const result = formatBatch(formatter, batch([
      [`type=USER msg=audit(1700000000.001:1): pid=1 uid=0 msg='op=first res=success'`],
      [`type=CWD msg=audit(1700000000.002:2): cwd=${hex}`],
      [`type=USER msg=audit(1700000000.003:3): pid=1 uid=0 msg='op=third res=success'`],
    ]), 7);
    assert.equal(result.seq, 7);
    const docs = documents(result).map((d) => JSON.parse(d) as { details: Record<string, string> });
    assert.deepEqual(docs.map((d) => d.details.auditserial), ['1', '2', '3']);
    assert.equal(docs[1].details.cwd, text);
    assert.equal(result.ids, `${OPTIONS.hostname}:1700000000.001:1${OPTIONS.hostname}:1700000000.002:2${OPTIONS.hostname}:1700000000.003:3`);
    assert.deepEqual(result.idLengths, [1, 2, 3].map((s) => `${OPTIONS.hostname}:1700000000.00${s}:${s}`.length));
  }
});

test('process names travel with their event', () => {
  const syscall = (serial: number, ppid: number) =>
    `type=SYSCALL msg=audit(1700000000.00${serial}:${serial}): arch=c000003e syscall=2 success=yes exit=3 ppid=${ppid} pid=50 auid=0 uid=0 comm="cat" exe="/usr/bin/cat"`;
  const result = formatBatch(formatter, batch([[syscall(1, 10)], [syscall(2, 20)], [syscall(3, 30)]], [[0, 10, '/bin/ten'], [2, 30, '/bin/thirty']]));
  const parents = documents(result).map((d) => (JSON.parse(d) as { details: Record<string, string> }).details.parentprocess);
  assert.deepEqual(parents, ['/bin/ten', undefined, '/bin/thirty']);
});

test('a batch formatted on its own thread uses the records it was given, not its lines parsed again', () => {
  const lines = [
    'type=SYSCALL msg=audit(1700000000.001:1): arch=c000003e syscall=2 success=yes exit=3 ppid=1 pid=50 auid=0 uid=0 comm="cat" exe="/usr/bin/cat"',
    'type=CWD msg=audit(1700000000.001:1): cwd="/root"',
    'type=USER msg=audit(1700000000.002:2): pid=1 uid=0 msg=\'op=second res=success\'',
  ];
  const records = lines.map((line) => {
    const outcome = parseRecordLine(line);
    assert.ok(outcome.ok);
    return outcome.record;
  });
  const parsedAgain = documents(formatBatch(formatter, batch([lines.slice(0, 2), lines.slice(2)])));
  // Lines that would not parse: only the records can give these documents.
  const unparsable = { ...batch([lines.slice(0, 2), lines.slice(2)]), lines: lines.map(() => 'not a record') };
  assert.deepEqual(documents(formatBatch(formatter, unparsable, 0, records)), parsedAgain);
  assert.equal(parsedAgain.length, 2);
});
