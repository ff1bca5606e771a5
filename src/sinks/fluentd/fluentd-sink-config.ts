import { IsBoolean, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min } from '../../core/config/validators';

/** Keys of the Fluentd sink (forward protocol, fluent-logger). */
export class FluentdSinkConfig {
  /** Host of Fluentd's `in_forward`. */
  @IsOptional() @IsString()
  fluentd_host: string | undefined = undefined;

  @IsInt() @Min(1) @Max(65535)
  fluentd_port = 24224;

  /** Tag of every message (dot-separated words, as Fluentd's `<match>` patterns expect). */
  @Matches(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, { message: 'fluentd_tag must be dot-separated words, e.g. audit.mozdef' })
  fluentd_tag = 'audit.mozdef';

  /**
   * yes: the tag is `<prefix>.<category>`, where `<prefix>` is fluentd_tag without its last word
   * (`audit.mozdef` → `audit`; a tag without a dot is the prefix itself) and `<category>` is the
   * message's category, lowercased, with every character outside `a-z 0-9 _ -` replaced by `_`
   * (`unknown` when empty). With the defaults an execve event is tagged `audit.execve`.
   */
  @IsBoolean()
  fluentd_tag_by_category = false;

  /** Count a message as delivered only when Fluentd acknowledged it (`require_ack_response`). */
  @IsBoolean()
  fluentd_require_ack = true;

  /** Seconds one attempt (connect, TLS, handshake, write, acknowledgement) may take before it is retryable. */
  @IsNumber() @Min(0.1) @Max(3600)
  fluentd_timeout = 10;

  /** TLS to `in_forward` with `<transport tls>`; the server's certificate is always verified. */
  @IsBoolean()
  fluentd_tls = false;

  /** PEM CA file trusted instead of the system roots. */
  @IsOptional() @IsString()
  fluentd_tls_ca: string | undefined = undefined;

  /** PEM client certificate and key (mutual TLS). */
  @IsOptional() @IsString()
  fluentd_tls_cert: string | undefined = undefined;

  @IsOptional() @IsString()
  fluentd_tls_key: string | undefined = undefined;

  /** `<security> shared_key` of in_forward: enables the HELO/PING/PONG handshake. */
  @IsOptional() @IsString()
  fluentd_shared_key: string | undefined = undefined;

  /** `<security> user_auth` credentials (used with fluentd_shared_key). */
  @IsOptional() @IsString()
  fluentd_username: string | undefined = undefined;

  @IsOptional() @IsString()
  fluentd_password: string | undefined = undefined;
}
