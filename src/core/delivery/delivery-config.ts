import { IsBoolean, IsIn, IsInt, IsNumber, IsString, Min, MinLength } from '../config/validators';

/** Keys of the delivery chains (queue ► spill ► retry), shared by every sink; each sink gets its own chain. */
export class DeliveryConfig {
  /**
   * Messages kept in memory per sink before spilling to disk. What is only in memory is lost if the
   * process is killed (SIGKILL, OOM killer); 0 writes every message to the spool first (write-ahead),
   * which survives that but costs about 30% of end-to-end throughput into a file (npm run bench), so it
   * is opt-in. Without a usable spool (spool_max_bytes = 0, or spool_dir not writable) 0 means 10 000.
   */
  @IsInt() @Min(0)
  queue_max_messages = 10000;

  /** Spool root; each sink spills into its own subdirectory (`<spool_dir>/<sink>/`), rejected messages go to `<spool_dir>/<sink>/dead-letter.ndjson`. */
  @IsString() @MinLength(1)
  spool_dir = '/var/spool/audisp-json';

  /** Bytes of undelivered messages the spool of one sink may hold (0 = no spool, memory only). */
  @IsInt() @Min(0)
  spool_max_bytes = 512 * 1024 * 1024;

  /** fsync the spool after every append: survives power loss too, at a large cost in messages/s (see bench/spool.ts). Without it the spool survives any crash or SIGKILL of the process, not of the machine. */
  @IsBoolean()
  spool_fsync = false;

  /** Memory and spool full: `drop_newest` (count and log) or `block` (stop reading the input until there is room). */
  @IsIn(['drop_newest', 'block'])
  when_full = 'drop_newest';

  /** Seconds before the first retry; the delay doubles with each failure (full jitter: a random delay up to that bound). */
  @IsNumber() @Min(0.001)
  retry_initial_delay = 0.5;

  /** Upper bound, in seconds, of the retry delay, including a peer's Retry-After. */
  @IsNumber() @Min(0.001)
  retry_max_delay = 60;

  /** Bytes the dead-letter file of one sink may reach; rejected messages beyond it are dropped and counted. */
  @IsInt() @Min(0)
  dead_letter_max_bytes = 64 * 1024 * 1024;
}
