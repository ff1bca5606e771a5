import { Kafka, type Message, type Producer } from 'kafkajs';
import type { Logger } from '../../core/log/logger';
import { delivered, type OutboundMessage, type SendResult, type Sink } from '../sink';
import type { KafkaClientOptions } from './kafka-client-options';
import { kafkaLogCreator } from './kafka-log-bridge';
import { kafkaSendOutcome } from './kafka-send-outcome';

export type KafkaKeyMode = 'hostname' | 'category' | 'none';

export interface KafkaSinkOptions {
  readonly name: string;
  readonly topic: string;
  readonly key: KafkaKeyMode;
  readonly maxBatch: number;
  readonly lingerMillis: number;
  readonly client: KafkaClientOptions;
}

/**
 * Produces each batch in one `producer.send`. Connection state is kafkajs's business except for the
 * producer's own connect: a cluster that is down at start() (or whose producer-id grant failed) is
 * connected again by the next send, whose failure is then that send's retryable outcome.
 */
export class KafkaSink implements Sink {
  readonly name: string;
  readonly maxBatch: number;
  readonly lingerMillis: number;
  private producer: Producer;
  private connected = false;
  private connecting: Promise<SendResult> | undefined;
  private closed = false;
  private shutdownPromise: Promise<void> | undefined;

  constructor(
    private readonly options: KafkaSinkOptions,
    private readonly logger: Logger,
  ) {
    this.name = options.name;
    this.maxBatch = options.maxBatch;
    this.lingerMillis = options.lingerMillis;
    this.producer = this.createProducer();
  }

  async start(): Promise<void> {
    const result = await this.connect();
    if (result.status !== 'delivered') {
      this.logger.warn(`${this.name}: cannot connect to ${this.brokerList()} yet: ${resultMessage(result)}; messages wait for it`);
    }
  }

  async send(batch: readonly OutboundMessage[]): Promise<SendResult> {
    if (this.closed) return { status: 'retryable', error: new Error(`${this.name}: sink is shut down`) };
    if (batch.length === 0) return delivered;
    if (!this.connected) {
      const connect = await this.connect();
      if (connect.status !== 'delivered') return connect;
    }
    try {
      await this.producer.send({
        topic: this.options.topic,
        acks: this.options.client.acks,
        timeout: this.options.client.ackTimeoutMs,
        compression: this.options.client.compression,
        messages: batch.map((message) => this.record(message)),
      });
      return delivered;
    } catch (error) {
      // Shut down under a send in flight: kafkajs calls that permanent; the batch itself is fine.
      if (this.closed) return { status: 'retryable', error: error as Error };
      if (isProducerDisconnected(error)) this.connected = false;
      if (isBrokerHalfConnected(error)) await this.reset();
      return kafkaSendOutcome(error);
    }
  }

  shutdown(): Promise<void> {
    this.shutdownPromise ??= this.close();
    return this.shutdownPromise;
  }

  /** One message as a Kafka record: value = the MozDef JSON, headers say what it is without parsing. */
  private record(message: OutboundMessage): Message {
    return {
      key: this.keyOf(message),
      value: message.json,
      headers: { category: message.category, hostname: message.hostname },
    };
  }

  private keyOf(message: OutboundMessage): string | null {
    switch (this.options.key) {
      case 'hostname': return message.hostname;
      case 'category': return message.category;
      case 'none': return null;
    }
  }

  /** One connect attempt at a time; its outcome doubles as the send outcome when it fails. */
  private connect(): Promise<SendResult> {
    this.connecting ??= this.producer.connect().then(
      () => {
        this.connected = true;
        return delivered;
      },
      async (error: unknown) => {
        await this.reset();
        return kafkaSendOutcome(error);
      },
    ).finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private createProducer(): Producer {
    const kafka = new Kafka({ ...this.options.client.client, logCreator: kafkaLogCreator(this.logger, this.name) });
    return kafka.producer(this.options.client.producer);
  }

  /**
   * Replaces the kafkajs client so the next attempt starts clean. Needed after a failed connect: a
   * broker whose TCP connect succeeded but whose ApiVersions request timed out stays "connected"
   * in kafkajs 2.2.4 without its API versions, and every later request fails with "Broker not
   * connected"; disconnecting and reusing the same producer then fails once more ("write after end").
   */
  private async reset(): Promise<void> {
    const old = this.producer;
    this.connected = false;
    this.producer = this.createProducer();
    try {
      await old.disconnect();
    } catch (error) {
      this.logger.debug(`${this.name}: reset: ${(error as Error).message}`);
    }
  }

  private async close(): Promise<void> {
    this.closed = true;
    await this.connecting;
    try {
      await this.producer.disconnect();
    } catch (error) {
      this.logger.warn(`${this.name}: disconnect failed: ${(error as Error).message}`);
    }
    this.connected = false;
  }

  private brokerList(): string {
    const brokers = this.options.client.client.brokers;
    return Array.isArray(brokers) ? brokers.join(',') : 'brokers';
  }
}

function resultMessage(result: SendResult): string {
  return result.status === 'delivered' ? 'ok' : result.error?.message ?? result.status;
}

/** kafkajs's plain Error from a broker whose connect never finished (see reset()). */
function isBrokerHalfConnected(error: unknown): boolean {
  return error instanceof Error && error.message === 'Broker not connected';
}

/** kafkajs says so in words only ("The producer is disconnected"). */
function isProducerDisconnected(error: unknown): boolean {
  return error instanceof Error && /producer is disconnect/i.test(error.message);
}
