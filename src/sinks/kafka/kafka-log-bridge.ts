import { logLevel, type logCreator } from 'kafkajs';
import type { Logger } from '../../core/log/logger';

/**
 * kafkajs's own log lines, routed into our Logger at debug. kafkajs logs an ERROR line for every
 * failed connection attempt to every broker; during an outage that would flood auditd's log while
 * the sink already reports the outage once (and the chain counts every retry). Its INFO/DEBUG
 * chatter is not wanted even at our debug level, so kafkajs itself is kept at WARN.
 */
export const KAFKAJS_LOG_LEVEL = logLevel.WARN;

/** kafkajs's logLevel is a plain object at run time: no reverse mapping from number to name. */
const LEVEL_NAMES: Record<number, string> = {
  [logLevel.ERROR]: 'ERROR', [logLevel.WARN]: 'WARN', [logLevel.INFO]: 'INFO', [logLevel.DEBUG]: 'DEBUG',
};

export function kafkaLogCreator(logger: Logger, sinkName: string): logCreator {
  return () => ({ namespace, level, log }) => {
    if (level > KAFKAJS_LOG_LEVEL) return;
    const where = namespace ? ` ${namespace}` : '';
    const detail = typeof log.error === 'string' && log.error !== log.message ? ` (${log.error})` : '';
    logger.debug(`${sinkName}: kafkajs${where} ${LEVEL_NAMES[level] ?? level}: ${log.message}${detail}`);
  };
}
