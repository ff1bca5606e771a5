import type { OutboundMessage } from '../../src/sinks/sink';

const CATEGORIES = ['execve', 'write', 'chmod', 'socket'];

/**
 * `count` MozDef-shaped messages from `hosts` hosts, round-robin, each with a per-host sequence number
 * in `details.seq` so that order per host can be checked after delivery.
 */
export function outboundMessages(count: number, hosts = 5, tag = 'm'): OutboundMessage[] {
  const seqByHost = new Map<string, number>();
  const messages: OutboundMessage[] = [];
  for (let i = 0; i < count; i++) {
    const hostname = `host${i % hosts}.example.com`;
    const seq = seqByHost.get(hostname) ?? 0;
    seqByHost.set(hostname, seq + 1);
    const category = CATEGORIES[i % CATEGORIES.length];
    const time = 1795560000 + i / 1000;
    const id = `${hostname}:${time.toFixed(3)}:${tag}${i}`;
    const json = JSON.stringify({
      category, summary: `Execve: /usr/bin/true ${tag}${i}`, severity: 'INFO', hostname, processid: 4242,
      processname: 'audisp-json', timestamp: new Date(time * 1000).toISOString(), tags: ['audisp-json', '0.1.0', 'audit'],
      details: { id, seq: String(seq), auditserial: String(i), command: `/usr/bin/true "quoted \\ arg" ${'x'.repeat(i % 64)}` },
    });
    messages.push({ id, category, hostname, time, json });
  }
  return messages;
}

/** The id a delivered record carries (read back from its JSON value). */
export function idOf(json: string): string {
  return (JSON.parse(json) as { details: { id: string } }).details.id;
}
