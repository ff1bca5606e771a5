import type { AuditEvent } from '../audit/audit-event';
import type { OutboundMessage } from '../../sinks/sink';

/** Turns a finished event into the message the sinks get (MozDef JSON); undefined means deliberately skipped. */
export interface EventFormatter {
  format(event: AuditEvent): OutboundMessage | undefined;
}
