import type { AuditEvent } from '../audit/audit-event';
import type { MozDefMessage } from './mozdef-message';

/** Turns a finished event into a MozDef message; undefined means deliberately skipped. */
export interface EventFormatter {
  format(event: AuditEvent): MozDefMessage | undefined;
}
