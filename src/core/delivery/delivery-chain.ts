import type { OutboundMessage } from '../../sinks/sink';

/**
 * Everything between the router and one sink (queue ► spill ► retry ► send). The router calls `offer`
 * for every message; the chain never blocks the caller unless the operator chose `when_full = block`,
 * in which case `offer` returns a promise that settles when there is room.
 */
export interface DeliveryChain {
  readonly sinkName: string;
  start(): Promise<void>;
  offer(message: OutboundMessage): void | Promise<void>;
  /** SIGHUP: reopen the sink's files. */
  reopen(): Promise<void>;
  /** Deliver what is queued until `deadline` (epoch ms), keep the rest for the next run, close the sink. Safe twice. */
  shutdown(deadline: number): Promise<void>;
}
