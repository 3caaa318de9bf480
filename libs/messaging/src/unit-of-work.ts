import type { DataSource, EntityManager } from 'typeorm';
import type { DomainEvent } from '#ddd';
import type { OutgoingEvent } from './outbox.js';
import { Outbox } from './outbox.js';

/**
 * How a service's domain events become integration events: one entry per domain event name
 * (the compiler refuses a table that misses one or names one that does not exist), each given
 * the event narrowed to its name. `null` keeps an event inside the service.
 */
export type DomainEventTable<E extends DomainEvent> = {
  readonly [N in E['name']]: (event: Extract<E, { name: N }>) => OutgoingEvent<unknown> | null;
};

/** The mapper a table defines: the domain events in, their integration events out, in order. */
export interface DomainEventMapper<E extends DomainEvent> {
  (events: readonly E[]): OutgoingEvent<unknown>[];
}

export function domainEventMapper<E extends DomainEvent>(table: DomainEventTable<E>): DomainEventMapper<E> {
  // The table's type pairs each name with its own event's entry; TypeScript cannot follow that
  // correlation through an index, hence this one widening.
  const entryOf = (event: E) => table[event.name as E['name']] as (event: E) => OutgoingEvent<unknown> | null;
  return (events) => events.flatMap((event) => entryOf(event)(event) ?? []);
}

/** What records domain events: an aggregate. */
export interface EventSource<E extends DomainEvent> {
  pullDomainEvents(): E[];
}

/**
 * One command's transaction: `tx` for the repositories, `track` for every aggregate the command
 * loads, creates or changes. When the work succeeds, the unit of work pulls every tracked
 * aggregate's events (in the order they were tracked; `publish` keeps its place in that order)
 * and appends them to the outbox in the same transaction.
 */
export class Work<E extends DomainEvent> {
  private readonly sources: (EventSource<E> | { published: OutgoingEvent<unknown>[] })[] = [];
  constructor(readonly tx: EntityManager) {}

  /**
   * Tracks an aggregate (once, however often it is given) and returns it; null (nothing found)
   * passes through, so a load reads `const cohort = track(await cohorts.findById(tx, id))`.
   */
  readonly track = <A extends EventSource<E> | null | undefined>(aggregate: A): A => {
    if (aggregate && !this.sources.includes(aggregate)) this.sources.push(aggregate);
    return aggregate;
  };

  /** Integration events that come from no aggregate, in the place they are published. */
  readonly publish = (...events: OutgoingEvent<unknown>[]): void => {
    this.sources.push({ published: events });
  };

  /** Everything to append, in order; each aggregate's events are pulled (and so forgotten). */
  outgoing(toIntegration: DomainEventMapper<E>): OutgoingEvent<unknown>[] {
    return this.sources.flatMap((s) => ('published' in s ? s.published : toIntegration(s.pullDomainEvents())));
  }
}

/**
 * Runs a command's work in one transaction that ends with the outbox append of everything it
 * tracked, so that a handler cannot lose its events. Each service subclasses it with its own
 * mapper (`@Injectable() class CohortsUnitOfWork extends UnitOfWork<CohortDomainEvent>`).
 * Input is checked before `run`: a refused input opens no transaction.
 */
export class UnitOfWork<E extends DomainEvent> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly toIntegration: DomainEventMapper<E>,
  ) {}

  /** Opens a transaction, runs the work in it and appends its events before the commit. */
  run<T>(work: (work: Work<E>) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((tx) => this.join(tx, work));
  }

  /** The same inside a transaction someone else opened (an event handler's inbox transaction). */
  async join<T>(tx: EntityManager, work: (work: Work<E>) => Promise<T>): Promise<T> {
    const unit = new Work<E>(tx);
    const result = await work(unit);
    const events = unit.outgoing(this.toIntegration);
    if (events.length > 0) await this.outbox.append(tx, events);
    return result;
  }
}
