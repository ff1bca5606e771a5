import assert from 'node:assert/strict';
import type { MozDefMessage } from '../../src/core/mozdef/mozdef-message';
import type { OutboundMessage } from '../../src/sinks/sink';

/**
 * The MozDef document of a formatted message. The formatter writes JSON as text, so this also checks
 * that the text is exactly what JSON.stringify would make of the document (key order included) and
 * that the routing fields agree with it.
 */
export function parseMessage(message: OutboundMessage): MozDefMessage;
export function parseMessage(message: OutboundMessage | undefined): MozDefMessage | undefined;
export function parseMessage(message: OutboundMessage | undefined): MozDefMessage | undefined {
  if (message === undefined) return undefined;
  const document = JSON.parse(message.json) as MozDefMessage;
  assert.equal(JSON.stringify(document), message.json, 'the message is canonical JSON');
  assert.equal(message.category, document.category);
  assert.equal(message.hostname, document.hostname);
  assert.equal(message.id, document.details.eventid);
  return document;
}
