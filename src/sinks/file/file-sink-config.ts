import { IsOptional, IsString, Matches } from '../../core/config/validators';

export class FileSinkConfig {
  /** Append one message per line to this file (created 0600). Alone, it means file output only, as in the original. */
  @IsOptional() @IsString() @Matches(/^\//, { message: 'file_log must be an absolute path' })
  file_log: string | undefined = undefined;
}
