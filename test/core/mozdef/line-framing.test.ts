import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { LineFraming } from '../../../src/core/mozdef/line-framing';
import { tempDir } from '../../fixtures/delivery/test-support';

const documents = [
  { category: 'execve', summary: 'Execve: sh -c "echo {a} \\ b"', details: { command: 'sh -c "echo {a} \\ b"' } },
  { category: 'write', summary: 'Write: /tmp/x y', details: { path: '/tmp/x y\u2028z', cwd: '/home/é' } },
  { category: 'promiscuous', summary: 'Promisc: Interface eth0 set promiscous on', details: {} },
];

test('a line is exactly prepend_msg + JSON + postpend_msg + newline', () => {
  const framing = new LineFraming('{"host": "web 1", "event": ', '}');
  assert.equal(framing.frame('{"a":1}'), '{"host": "web 1", "event": {"a":1}}\n');
  assert.equal(new LineFraming('', '').frame('{"a":1}'), '{"a":1}\n');
});

test('a file written with prepend_msg={"message": and postpend_msg=} reads back as one JSON object per line', () => {
  const dir = tempDir('wrappers');
  try {
    const file = path.join(dir, 'audisp-json.log');
    const framing = new LineFraming('{"message":', '}');
    for (const document of documents) fs.appendFileSync(file, framing.frame(JSON.stringify(document)));
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    assert.equal(lines.pop(), '', 'the file ends with a newline');
    assert.equal(lines.length, documents.length);
    assert.deepEqual(lines.map((line) => JSON.parse(line)), documents.map((document) => ({ message: document })));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
