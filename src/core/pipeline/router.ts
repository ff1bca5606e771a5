import type { DeliveryChain } from '../delivery/delivery-chain';
import type { OutboundMessage } from '../../sinks/sink';

/** Fans every message out to each enabled sink's chain; waits only where a chain asks for it (when_full = block). */
export class Router {
  constructor(private readonly chains: readonly DeliveryChain[]) {}

  route(message: OutboundMessage): Promise<unknown> | undefined {
    let waits: Promise<void>[] | undefined;
    for (const chain of this.chains) {
      const wait = chain.offer(message);
      if (wait) (waits ??= []).push(wait);
    }
    return waits && Promise.all(waits);
  }
}
