/**
 * Hands batch outcomes on in the order the batches were opened, whoever finished them and whenever:
 * an outcome that is ready before an earlier one waits (is held) until that one is in.
 */
export class OrderedBatches<T extends { readonly events: number }> {
  private nextOpen = 0;
  private nextOut = 0;
  private readonly ready = new Map<number, T>();
  /** Events of the outcomes that are ready but wait for an earlier one. */
  private held = 0;

  constructor(private readonly deliver: (outcome: T) => void) {}

  /** The sequence number of a new batch. */
  open(): number {
    return this.nextOpen++;
  }

  complete(seq: number, outcome: T): void {
    this.ready.set(seq, outcome);
    this.held += outcome.events;
    for (let next = this.ready.get(this.nextOut); next !== undefined; next = this.ready.get(this.nextOut)) {
      this.ready.delete(this.nextOut++);
      this.held -= next.events;
      this.deliver(next);
    }
  }

  get heldEvents(): number {
    return this.held;
  }

  /** Batches opened whose outcome has not been delivered yet. */
  get pending(): number {
    return this.nextOpen - this.nextOut;
  }
}
