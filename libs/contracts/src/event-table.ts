import type { EventContract, EventData } from './event-contract.js';

/** Any contract, whatever its data: the bound of the tables below. */
export type AnyEventContract = EventContract<any, string>;

/**
 * One entry per contract of the union `C`, keyed by its event type, each called with that
 * contract's own data (then `A`). Written as `{ [XV1.type]: (data, …) => … } satisfies EventTable<…>`
 * (or passed to `eventTable`), the compiler checks that every contract has its entry, that no
 * other is there, and each entry's data type.
 */
export type EventTable<C extends AnyEventContract, A extends unknown[], R> = {
  readonly [K in C as K['type']]: (data: EventData<K>, ...args: A) => R;
};

/** A complete EventTable, looked up by the type of an event whose data was validated by its contract. */
export interface EventLookup<A extends unknown[], R> {
  /** The event types the table has an entry for. */
  readonly types: readonly string[];
  /** The entry for `type`, or undefined for an event type the table has none for. */
  entry(type: string): ((data: unknown, ...args: A) => R) | undefined;
}

/**
 * Wraps a complete table (see EventTable) for dispatch by type. The one place where an event's
 * data meets the entry of its type: callers pass data that the contract of that type validated
 * (the EventConsumer does, and so does a replay), which is what makes the widening safe.
 */
export function eventTable<C extends AnyEventContract, A extends unknown[], R>(
  table: EventTable<C, A, R>,
): EventLookup<A, R> {
  const entries = new Map(Object.entries(table) as [string, (data: unknown, ...args: A) => R][]);
  return { types: [...entries.keys()], entry: (type) => entries.get(type) };
}
