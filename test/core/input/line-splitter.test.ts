import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineSplitter } from '../../../src/core/input/line-splitter';

function split(chunks: string[], max = 10): { lines: string[]; cuts: number } {
  const lines: string[] = [];
  let cuts = 0;
  const s = new LineSplitter(max, (l) => lines.push(l), () => cuts++);
  for (const c of chunks) s.push(c);
  s.end();
  return { lines, cuts };
}

test('lines split across chunks are joined', () => {
  assert.deepEqual(split(['ab', 'c\nde', 'f\n', 'g']).lines, ['abc', 'def', 'g']);
});

test('an empty line is a line', () => {
  assert.deepEqual(split(['a\n\nb\n']).lines, ['a', '', 'b']);
});

test('long lines are cut to the limit and counted, in one chunk or many', () => {
  assert.deepEqual(split(['0123456789abc\nok\n']), { lines: ['0123456789', 'ok'], cuts: 1 });
  assert.deepEqual(split(['01234', '56789ab', 'cdef', '\nok\n']), { lines: ['0123456789', 'ok'], cuts: 1 });
});

test('a 1 MB line costs only the limit', () => {
  const big = 'x'.repeat(1024 * 1024);
  const { lines, cuts } = split([big.slice(0, 500000), big.slice(500000) + '\nnext\n'], 65536);
  assert.equal(lines[0].length, 65536);
  assert.equal(lines[1], 'next');
  assert.equal(cuts, 1);
});
