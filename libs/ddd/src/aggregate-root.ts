/**
 * A domain event as an aggregate records it: a name and a plain payload. Services map domain
 * events to versioned integration events (libs/contracts) when they write the outbox.
 */
export interface DomainEvent {
  readonly name: string;
}

/** Base class for aggregates: state changes record domain events, which the repository pulls. */
export abstract class AggregateRoot<E extends DomainEvent = DomainEvent> {
  private pending: E[] = [];

  protected record(event: E): void {
    this.pending.push(event);
  }

  /** Returns the events recorded since the last pull and forgets them. */
  pullDomainEvents(): E[] {
    const events = this.pending;
    this.pending = [];
    return events;
  }
}
