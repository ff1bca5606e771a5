import fs from 'node:fs';
import { Agent, request } from 'undici';
import type { Logger } from '../../core/log/logger';
import type { OutboundMessage, SendResult, Sink } from '../sink';
import type { MozDefSinkConfig } from './mozdef-sink-config';
import { mapStatus } from './mozdef-response';
import { VERSION } from '../../core/version';
import type { LineFraming } from '../../core/mozdef/line-framing';
import { SinkSetupError } from '../sink-setup-error';

/**
 * POSTs MozDef documents with undici over one keep-alive connection pool. One attempt per `send`:
 * undici's `request` does not retry on its own, and redirects are not followed.
 */
export class MozDefSink implements Sink {
  readonly name = 'mozdef';
  readonly maxBatch: number;
  private readonly agent: Agent;
  private readonly url: URL;
  private readonly headers: Record<string, string>;
  private closed = false;

  constructor(
    private readonly config: MozDefSinkConfig,
    private readonly logger: Logger,
    /** prepend_msg / postpend_msg around each document in the body, when mozdef_wrap_body = yes. */
    private readonly framing?: LineFraming,
  ) {
    this.maxBatch = config.mozdef_batch_size;
    // A batch goes to loginput's Elasticsearch-like bulk endpoint on the same host.
    this.url = config.mozdef_batch_size > 1 ? new URL('/_bulk', config.mozdef_url) : new URL(config.mozdef_url);
    this.headers = {
      'user-agent': `audisp-json/${VERSION}`,
      'content-type': config.mozdef_batch_size > 1 ? 'application/x-ndjson' : 'application/json',
    };
    // Files are read here, so that a missing CA or key fails the config load (or SIGHUP reload), not every send.
    const read = (key: 'curl_cainfo' | 'mozdef_client_cert' | 'mozdef_client_key') => {
      const file = config[key];
      try {
        return file === undefined ? undefined : fs.readFileSync(file);
      } catch (error) {
        throw new SinkSetupError(key, `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
    };
    this.agent = new Agent({
      connect: {
        // `ca` replaces the system roots, as curl's CAINFO does.
        ca: read('curl_cainfo'),
        cert: read('mozdef_client_cert'),
        key: read('mozdef_client_key'),
        rejectUnauthorized: config.ssl_verify,
        timeout: config.mozdef_timeout * 1000,
      },
      // One keep-alive connection: the chain sends one batch at a time, and without a limit undici opens a
      // second socket when the next request comes in the same tick as the end of the previous response.
      connections: 1,
      headersTimeout: config.mozdef_timeout * 1000,
      bodyTimeout: config.mozdef_timeout * 1000,
    });
  }

  async start(): Promise<void> {
    // Nothing to do: the first send connects, and a peer that is down is a retryable send.
  }

  async send(batch: readonly OutboundMessage[]): Promise<SendResult> {
    if (this.closed) return { status: 'retryable', error: new Error('mozdef sink is shut down') };
    const document = (json: string) => (this.framing ? `${this.framing.prepend}${json}${this.framing.postpend}` : json);
    const body = this.maxBatch > 1
      ? batch.map((message) => `{"index":{"_index":"events"}}\n${document(message.json)}\n`).join('')
      : batch.map((message) => document(message.json)).join('');
    const started = Date.now();
    this.debug(`> POST ${this.url.href} ${Buffer.byteLength(body)} bytes, ${batch.length} message(s), first id ${batch[0]?.id}`);
    try {
      const response = await request(this.url, {
        method: 'POST',
        headers: this.headers,
        body,
        dispatcher: this.agent, // its connect, headers and body timeouts bound the attempt (AbortSignal.timeout per request costs memory until it fires)
      });
      await response.body.dump({ limit: 64 * 1024 }); // free the connection for reuse, whatever the answer
      this.debug(`< HTTP ${response.statusCode} in ${Date.now() - started} ms${response.headers['retry-after'] ? `, retry-after ${String(response.headers['retry-after'])}` : ''}`);
      return mapStatus(response.statusCode, response.headers['retry-after']);
    } catch (error) {
      // Connection refused or reset, TLS failures, timeouts: all may heal (peer back, CA fixed on SIGHUP).
      const err = error as Error & { code?: string; cause?: Error & { code?: string } };
      const detail = [err.code ?? err.cause?.code, err.message, err.cause?.message].filter(Boolean).join(': ');
      this.debug(`* POST failed after ${Date.now() - started} ms: ${detail}`);
      return { status: 'retryable', error: new Error(`POST ${this.url.href}: ${detail}`) };
    }
  }

  async shutdown(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.agent.destroy().catch(() => undefined);
  }

  private debug(line: string): void {
    if (!this.config.curl_verbose) return;
    if (this.config.curl_logfile === undefined) {
      this.logger.info(`mozdef: ${line}`);
      return;
    }
    try {
      fs.appendFileSync(this.config.curl_logfile, `${new Date().toISOString()} ${line}\n`);
    } catch (error) {
      this.logger.warn(`mozdef: cannot write curl_logfile ${this.config.curl_logfile}: ${(error as Error).message}`);
    }
  }
}
