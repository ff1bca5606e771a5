import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { EncodedMessage } from '../../../src/core/format/encoded-message';
import { LineFraming } from '../../../src/core/mozdef/line-framing';
import type { OutboundMessage } from '../../../src/sinks/sink';
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

/** Messages as the formatter hands them over: documents and newlines one after the other in one buffer. */
function encoded(texts: string[]): EncodedMessage[] {
  const bytes = Buffer.from(texts.map((t) => `${t}\n`).join(''));
  let start = 0;
  return texts.map((text, i) => {
    const line = bytes.subarray(start, (start += Buffer.byteLength(text) + 1));
    return new EncodedMessage(`id${i}`, 'c', 'h', 1, line);
  });
}

const plain = (json: string): OutboundMessage => ({ id: 'p', category: 'c', hostname: 'h', time: 1, json });
const joined = (pieces: Uint8Array[]): string => Buffer.concat(pieces).toString();

test('lines(): neighbouring documents of one buffer go as one piece, with their newlines', () => {
  const messages = encoded(['{"a":"é"}', '{"b":2}', '{"c":3}']);
  const pieces = new LineFraming('', '').lines(messages);
  assert.equal(pieces.length, 1);
  assert.equal(joined(pieces), '{"a":"é"}\n{"b":2}\n{"c":3}\n');
  // Not neighbours (the middle one is missing): two pieces, same text.
  const apart = new LineFraming('', '').lines([messages[0], messages[2]]);
  assert.equal(apart.length, 2);
  assert.equal(joined(apart), '{"a":"é"}\n{"c":3}\n');
});

test('lines(): wrappers frame every line; text-only messages (spool replays) are encoded in order with the others', () => {
  const [first, second] = encoded(['{"a":1}', '{"b":"ü"}']);
  const framing = new LineFraming('{"message":', '}');
  assert.equal(joined(framing.lines([first, plain('{"p":1}'), plain('{"q":2}'), second])),
    '{"message":{"a":1}}\n{"message":{"p":1}}\n{"message":{"q":2}}\n{"message":{"b":"ü"}}\n');
  assert.equal(joined(new LineFraming('', '').lines([plain('{"p":1}'), first, second, plain('{"q":"ß"}')])),
    '{"p":1}\n{"a":1}\n{"b":"ü"}\n{"q":"ß"}\n');
});

test('an encoded message decodes its text only when asked, and is written to the spool as plain text', () => {
  const [message] = encoded(['{"summary":"Write: /tmp/é"}']);
  assert.equal(message.json, '{"summary":"Write: /tmp/é"}');
  assert.deepEqual(JSON.parse(JSON.stringify(message)), { id: 'id0', category: 'c', hostname: 'h', time: 1, json: '{"summary":"Write: /tmp/é"}' });
});
