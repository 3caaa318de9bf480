import type { EntityManager } from 'typeorm';
import type { AnyEventContract, EventContract, EventData } from '#contracts';

/** The CloudEvents attributes an event came with, beside its data. */
export interface EventMeta {
  id: string;
  type: string;
  source: string;
  subject: string;
  time: string;
  correlationId: string;
  causationId?: string;
}

const ENTRY = Symbol('mentorflow:event-handler');

/**
 * One contract and what to do with its events: built with `on`, never by hand. `handle` runs
 * inside the transaction that also records the event in the inbox: write through `tx` and the
 * effect happens exactly once; throw and nothing is kept.
 */
export interface EventHandler<T = unknown> {
  readonly [ENTRY]: true;
  readonly contract: EventContract<T>;
  handle(data: T, meta: EventMeta, tx: EntityManager): Promise<void>;
}

/**
 * `on(InternEnrolledV1, (data, meta, tx) => …)`: the contract named once, its data typed from it.
 * What the handler's promise resolves to is ignored (a repository's write may answer a row count).
 */
export function on<C extends AnyEventContract>(
  contract: C,
  handle: (data: EventData<C>, meta: EventMeta, tx: EntityManager) => Promise<unknown>,
): EventHandler<EventData<C>> {
  return {
    [ENTRY]: true,
    contract,
    handle: async (data, meta, tx) => {
      await handle(data, meta, tx);
    },
  };
}

/**
 * A consumer of integration events (a projection, a saga, a reaction): any provider with a
 * `handlers` list of `on(...)` entries. The messaging module finds them among the providers and
 * registers every entry; entries of one event type run in the order they are listed.
 */
export interface ConsumesEvents {
  readonly handlers: readonly EventHandler<any>[];
}

export function isEventHandler(value: unknown): value is EventHandler {
  return typeof value === 'object' && value !== null && (value as Partial<EventHandler>)[ENTRY] === true;
}

/** The entries of a provider that consumes events; empty for any other provider. */
export function eventHandlersOf(provider: unknown): EventHandler[] {
  const handlers = (provider as Partial<ConsumesEvents> | null | undefined)?.handlers;
  return Array.isArray(handlers) && handlers.every(isEventHandler) ? handlers : [];
}
