import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventContract } from '#contracts';

/** An event as a handler receives it: validated data plus the CloudEvents attributes it came with. */
export interface ConsumedEvent<T> {
  id: string;
  type: string;
  source: string;
  subject: string;
  time: string;
  correlationId: string;
  causationId?: string;
  data: T;
}

/**
 * A handler, projection or saga for integration events. `handle` runs inside the transaction
 * that also records the event in the inbox: write through `tx` and the effect happens exactly
 * once; throw and nothing is kept.
 */
export interface IntegrationEventHandler<T = unknown> {
  handle(event: ConsumedEvent<T>, tx: EntityManager): Promise<void>;
}

export const HANDLES_EVENTS = Symbol('mentorflow:handles-events');

/** Declares which integration events (by contract) a provider handles. */
export const HandlesEvents = (...contracts: EventContract<any>[]): ClassDecorator =>
  SetMetadata(HANDLES_EVENTS, contracts);
