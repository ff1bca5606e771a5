import {
  IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min, ValidateBy, type ValidationOptions,
} from '../../core/config/validators';

export const KAFKA_KEYS = ['hostname', 'category', 'none'] as const;
export const KAFKA_ACKS = ['all', '1', '0'] as const;
export const KAFKA_COMPRESSIONS = ['none', 'gzip'] as const;
export const KAFKA_SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;

/** `host:port`, IPv6 in brackets. */
const BROKER_PATTERN = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._-]+):\d{1,5}$/;

/** A rule that ties this key to another key of the same section. */
function RequiredBy(
  rule: (config: KafkaSinkConfig) => boolean,
  message: string,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'kafkaRequiredBy',
      validator: {
        validate: (_value, args) => rule(args?.object as KafkaSinkConfig),
        defaultMessage: () => message,
      },
    },
    options,
  );
}

/** Keys of the `kafka` sink. */
export class KafkaSinkConfig {
  /** Bootstrap brokers, `host:port`; the sink is configured when this is set. */
  @IsOptional() @IsString({ each: true })
  @Matches(BROKER_PATTERN, { each: true, message: 'kafka_brokers: each broker must be host:port' })
  kafka_brokers?: string[] = undefined;

  @IsString() @Matches(/^[A-Za-z0-9._-]{1,249}$/, { message: 'kafka_topic: letters, digits, ".", "_", "-" only' })
  kafka_topic: string = 'audit';

  @IsString()
  kafka_client_id: string = 'audisp-json';

  /** Message key: `hostname` keeps one host's events ordered in one partition. */
  @IsIn(KAFKA_KEYS)
  kafka_key: string = 'hostname';

  /** Acknowledgements the leader waits for: all in-sync replicas, the leader only, or none. */
  @IsIn(KAFKA_ACKS)
  kafka_acks: string = 'all';

  /** lz4/snappy/zstd need native or thinly kept codec packages: not offered (see examples/kafka). */
  @IsIn(KAFKA_COMPRESSIONS)
  kafka_compression: string = 'none';

  /** Idempotent producer (needs `kafka_acks = all` and brokers that grant producer ids). */
  @IsBoolean()
  @RequiredBy((c) => c.kafka_idempotent !== true || c.kafka_acks === 'all', 'kafka_idempotent = yes needs kafka_acks = all')
  kafka_idempotent: boolean = false;

  /** Most messages in one produce request (the delivery chain hands at most this many at once). */
  @IsInt() @Min(1) @Max(100000)
  kafka_batch_max_messages: number = 100;

  /** How long the delivery chain may hold a partial batch to fill it (0 = send what is queued at once). */
  @IsInt() @Min(0) @Max(60000)
  kafka_linger_ms: number = 0;

  /** Seconds to wait for a broker's answer (also the broker's wait for replica acks). */
  @IsNumber() @Min(0.1) @Max(600)
  kafka_request_timeout: number = 30;

  /** TLS to the brokers; implied by kafka_tls_ca / kafka_tls_cert. */
  @IsBoolean()
  kafka_tls: boolean = false;

  /** PEM file of the CA(s) to trust instead of the system roots. */
  @IsOptional() @IsString()
  kafka_tls_ca?: string = undefined;

  /** PEM client certificate and its key, for brokers that require client authentication. */
  @IsOptional() @IsString()
  @RequiredBy((c) => c.kafka_tls_cert === undefined || c.kafka_tls_key !== undefined, 'kafka_tls_cert needs kafka_tls_key')
  kafka_tls_cert?: string = undefined;

  @IsOptional() @IsString()
  @RequiredBy((c) => c.kafka_tls_key === undefined || c.kafka_tls_cert !== undefined, 'kafka_tls_key needs kafka_tls_cert')
  kafka_tls_key?: string = undefined;

  /** Check the brokers' certificates and names (turn off only for testing). */
  @IsBoolean()
  kafka_tls_verify: boolean = true;

  @IsOptional() @IsIn(KAFKA_SASL_MECHANISMS)
  @RequiredBy(
    (c) => c.kafka_sasl_mechanism === undefined || (c.kafka_sasl_username !== undefined && c.kafka_sasl_password !== undefined),
    'kafka_sasl_mechanism needs kafka_sasl_username and kafka_sasl_password',
  )
  kafka_sasl_mechanism?: string = undefined;

  @IsOptional() @IsString()
  kafka_sasl_username?: string = undefined;

  @IsOptional() @IsString()
  kafka_sasl_password?: string = undefined;
}
