/** Thrown by a sink's constructor when its config cannot work (e.g. file_log's directory is missing). */
export class SinkSetupError extends Error {
  override readonly name = 'SinkSetupError';

  constructor(
    /** The config key at fault, so the error can name its file and line. */
    readonly key: string,
    message: string,
  ) {
    super(message);
  }
}
