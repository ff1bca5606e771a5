import { IsBoolean, IsInt, IsNumber, IsOptional, IsString, IsUrl, Max, Min } from '../../core/config/validators';

/** Keys of the MozDef HTTP(S) sink; the first five keep the C original's names and meaning. */
export class MozDefSinkConfig {
  /** MozDef loginput endpoint taking one JSON document per POST. */
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'], require_tld: false })
  mozdef_url = 'http://localhost:8080/events';

  /** Verify the server's certificate and name (yes, as the original). */
  @IsBoolean()
  ssl_verify = true;

  /** Log each request and response (the original's CURLOPT_VERBOSE). */
  @IsBoolean()
  curl_verbose = false;

  /** With curl_verbose: append those lines to this file instead of the log. */
  @IsOptional() @IsString()
  curl_logfile: string | undefined = undefined;

  /** PEM CA file (bundle) trusted for mozdef_url instead of the system roots, as curl's CAINFO. */
  @IsOptional() @IsString()
  curl_cainfo: string | undefined = undefined;

  /** PEM client certificate and key for mutual TLS. */
  @IsOptional() @IsString()
  mozdef_client_cert: string | undefined = undefined;

  @IsOptional() @IsString()
  mozdef_client_key: string | undefined = undefined;

  /** Seconds one POST (connect, headers and body) may take before it counts as a retryable failure. */
  @IsNumber() @Min(0.1) @Max(3600)
  mozdef_timeout = 10;

  /**
   * Messages per POST. 1 (default, as the original): one document to `mozdef_url`. Above 1: the batch
   * goes to `/_bulk` on the same host, which MozDef's loginput reads like Elasticsearch's bulk API (one
   * JSON document a line; lines with an `index` key are skipped; an invalid line answers 500 after the
   * lines before it were already queued, so a retry may duplicate some: receivers de-duplicate by id).
   */
  @IsInt() @Min(1) @Max(10000)
  mozdef_batch_size = 1;

  /** Wrap each document in the body with prepend_msg / postpend_msg, as on line outputs (for receivers that expect the wrapper). */
  @IsBoolean()
  mozdef_wrap_body = false;
}
