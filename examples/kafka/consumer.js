#!/usr/bin/env node
'use strict';
/**
 * Prints the audit events audisp-json produces to Kafka, one line each.
 *
 *   node examples/kafka/consumer.js [--brokers k1:9092,k2:9092] [--topic audit] [--group audit-printer]
 *                                   [--from-beginning] [--json]
 *
 * Environment: KAFKA_BROKERS, KAFKA_TOPIC, KAFKA_GROUP (flags win). Needs kafkajs (`npm install kafkajs`;
 * run from the audisp-json checkout it is already there). Stop with Ctrl-C: the consumer leaves its
 * group cleanly and its committed offsets let the next run continue where this one stopped.
 */
const { Kafka, logLevel } = require('kafkajs');

function options(argv) {
  const out = {
    brokers: process.env.KAFKA_BROKERS || '127.0.0.1:9092',
    topic: process.env.KAFKA_TOPIC || 'audit',
    group: process.env.KAFKA_GROUP || 'audit-printer',
    fromBeginning: false,
    json: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--brokers') out.brokers = argv[++i];
    else if (arg === '--topic') out.topic = argv[++i];
    else if (arg === '--group') out.group = argv[++i];
    else if (arg === '--from-beginning') out.fromBeginning = true;
    else if (arg === '--json') out.json = true;
    else { console.error(`unknown argument ${arg}`); process.exit(2); }
  }
  return out;
}

/** One event as a line: time, host, category, summary (the MozDef fields audisp-json always sets). */
function describe(message) {
  const text = message.value ? message.value.toString('utf8') : '';
  let event;
  try {
    event = JSON.parse(text);
  } catch {
    return `(not JSON, ${text.length} bytes) ${text.slice(0, 200)}`;
  }
  const header = (name) => (message.headers && message.headers[name] ? message.headers[name].toString() : undefined);
  return `${event.timestamp} ${header('hostname') || event.hostname} ${header('category') || event.category}: ${event.summary}`;
}

async function main() {
  const opts = options(process.argv.slice(2));
  const kafka = new Kafka({ clientId: 'audisp-json-example-consumer', brokers: opts.brokers.split(','), logLevel: logLevel.WARN });
  const consumer = kafka.consumer({ groupId: opts.group });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await consumer.disconnect().catch(() => {});
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  await consumer.connect();
  await consumer.subscribe({ topics: [opts.topic], fromBeginning: opts.fromBeginning });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      // Events of one host share a key, hence a partition, hence their order.
      if (opts.json) process.stdout.write(`${message.value}\n`);
      else process.stdout.write(`[p${partition} @${message.offset}] ${describe(message)}\n`);
    },
  });
}

main().catch((error) => {
  console.error(`consumer failed: ${error.message}`);
  process.exit(1);
});
