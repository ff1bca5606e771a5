import { logLevel, type logCreator } from 'kafkajs';
import type { Logger } from '../../core/log/logger';

/**
 * kafkajs's own log lines, routed into our Logger at debug. kafkajs logs an ERROR line for every
 * failed connection attempt to every broker; during an outage that would flood auditd's log while
 * the sink already reports the outage once (and the chain counts every retry). Its INFO/DEBUG
 * chatter is not wanted even at our debug level, so kafkajs itself is kept at WARN.
 */
export const KAFKAJS_LOG_LEVEL = logLevel.WARN;

export function kafkaLogCreator(logger: Logger, sinkName: string): logCreator {
  return () => ({ namespace, level, log }) => {
    if (level > KAFKAJS_LOG_LEVEL) return;
    const where = namespace ? ` ${namespace}` : '';
    const detail = typeof log.error === 'string' && log.error !== log.message ? ` (${log.error})` : '';
    logger.debug(`${sinkName}: kafkajs${where} ${logLevel[level] ?? level}: ${log.message}${detail}`);
  };
}
