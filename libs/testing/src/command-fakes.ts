import 'reflect-metadata';
import { SELF_DECLARED_DEPS_METADATA } from '@nestjs/common/constants.js';
import type { DataSource, EntityManager } from 'typeorm';
import type { EventContract } from '#contracts';
import type { Outbox, OutgoingEvent } from '#messaging';

/**
 * In-memory stand-ins for what every command handler is given: a DataSource whose transaction
 * keeps its writes only when the callback succeeds (as Postgres does), an outbox that validates
 * each event against its contract (as the real one does) and a settable clock; `fakeUnitOfWork`
 * puts a service's unit of work on the first two. Handler specs (`*.handler.spec.ts`) build their
 * service's repository fakes on `TransactionalStore`.
 */

/** Something whose writes a FakeDataSource transaction commits or rolls back. */
export interface TransactionalStore {
  begin(): void;
  commit(): void;
  rollback(): void;
}

/** The `tx` every fake transaction hands to its callback; fakes may assert they were given it. */
export const FAKE_TX = Object.freeze({ fake: 'tx' }) as unknown as EntityManager;

export class FakeDataSource {
  /** Transactions opened; a refused input must leave this at 0. */
  transactions = 0;
  readonly tx = FAKE_TX;
  private readonly stores: TransactionalStore[];
  constructor(stores: readonly TransactionalStore[]) {
    this.stores = [...stores];
  }
  async transaction<T>(fn: (tx: EntityManager) => Promise<T>): Promise<T> {
    this.transactions++;
    for (const s of this.stores) s.begin();
    try {
      const result = await fn(this.tx);
      for (const s of this.stores) s.commit();
      return result;
    } catch (err) {
      for (const s of this.stores) s.rollback();
      throw err;
    }
  }
  asDataSource(): DataSource {
    return this as unknown as DataSource;
  }
}

/** A store of plain values with begin/commit/rollback by copy (keep the values immutable). */
export class SnapshotStore<T> implements TransactionalStore {
  private saved: T | undefined;
  constructor(
    public state: T,
    private readonly copy: (state: T) => T,
  ) {}
  begin(): void {
    this.saved = this.copy(this.state);
  }
  commit(): void {
    this.saved = undefined;
  }
  rollback(): void {
    if (this.saved !== undefined) this.state = this.saved;
    this.saved = undefined;
  }
}

export interface RecordedEvent {
  type: string;
  subject: string;
  data: unknown;
}

/** Validates each event against its contract, as the real outbox does, and keeps what committed. */
export class FakeOutbox implements TransactionalStore {
  events: RecordedEvent[] = [];
  private saved: RecordedEvent[] | undefined;
  begin(): void {
    this.saved = [...this.events];
  }
  commit(): void {
    this.saved = undefined;
  }
  rollback(): void {
    if (this.saved) this.events = this.saved;
    this.saved = undefined;
  }
  async append(tx: EntityManager, events: OutgoingEvent<unknown>[]): Promise<void> {
    if (tx !== FAKE_TX) throw new Error('outbox.append called outside the command transaction');
    for (const e of events) {
      this.events.push({ type: e.contract.type, subject: e.subject, data: e.contract.schema.parse(e.data) });
    }
  }
  /** The types appended so far, in order. */
  types(): string[] {
    return this.events.map((e) => e.type);
  }
  asOutbox(): Outbox {
    return this as unknown as Outbox;
  }
  /** The data of the events of `contract` appended so far, in order, parsed by (so typed by) the contract. */
  dataOf<T>(contract: EventContract<T>): T[] {
    return this.events.filter((e) => e.type === contract.type).map((e) => contract.schema.parse(e.data));
  }
}

/** What a service's unit of work is built from (`new CohortsUnitOfWork(dataSource, outbox)`). */
export type UnitOfWorkClass<U> = new (dataSource: DataSource, outbox: Outbox) => U;

/**
 * A service's real unit of work over the fakes: `dataSource` counts its transactions (a refused
 * input leaves `transactions` at 0) and commits or rolls back `stores` with them, `outbox` keeps
 * the events it appended.
 */
export function fakeUnitOfWork<U>(UnitOfWork: UnitOfWorkClass<U>, stores: readonly TransactionalStore[]) {
  const outbox = new FakeOutbox();
  const dataSource = new FakeDataSource([...stores, outbox]);
  return { uow: new UnitOfWork(dataSource.asDataSource(), outbox.asOutbox()), outbox, dataSource };
}

/** A class a spec builds from fakes (a command handler, or a provider it is given). */
export type Constructible<T> = new (...args: never[]) => T;

/**
 * Builds a handler from fakes the way Nest builds it from providers: by its constructor's
 * parameter types (the decorator metadata Nest reads). A parameter gets the fake given for its
 * class or, when injected by token (`@Inject(CLOCK)`), for the token; a parameter whose class has
 * no fake but is itself an injectable (EnrollmentLifecycle) is built the same way. A parameter
 * with neither fails the spec, naming it.
 */
export function construct<T>(Provider: Constructible<T>, fakes: ReadonlyMap<unknown, unknown>): T {
  const types = (Reflect.getMetadata('design:paramtypes', Provider) ?? []) as unknown[];
  const tokens = (Reflect.getMetadata(SELF_DECLARED_DEPS_METADATA, Provider) ?? []) as {
    index: number;
    param: unknown;
  }[];
  const args = types.map((type, i) => {
    const key = tokens.find((t) => t.index === i)?.param ?? type;
    if (fakes.has(key)) return fakes.get(key);
    if (typeof key === 'function' && Reflect.getMetadata('design:paramtypes', key)) {
      return construct(key as Constructible<unknown>, fakes);
    }
    throw new Error(
      `no fake for parameter ${i} (${String((key as { name?: string })?.name ?? key)}) of ${Provider.name}`,
    );
  });
  return new Provider(...(args as never[]));
}

/**
 * A service's unit of work over the fakes (`fakeUnitOfWork`) and `build(Handler)`, which
 * constructs a handler from it and the fakes `provided` (class or token → fake).
 */
export function handlerFakes<U>(
  UnitOfWork: UnitOfWorkClass<U>,
  stores: readonly TransactionalStore[],
  provided: Iterable<readonly [unknown, unknown]>,
) {
  const work = fakeUnitOfWork(UnitOfWork, stores);
  const fakes = new Map<unknown, unknown>([[UnitOfWork, work.uow], ...provided]);
  return { ...work, build: <H>(Handler: Constructible<H>): H => construct(Handler, fakes) };
}

export class FakeClock {
  constructor(public current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
}
