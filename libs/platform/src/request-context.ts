import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export interface Identity {
  /** The user id (`sub` claim): the same id for that person in every service. */
  sub: string;
  roles: string[];
  name?: string;
  email?: string;
}

/** What follows one request or one consumed event through a service and across Kafka. */
export interface RequestContext {
  correlationId: string;
  /** The id of the event (or request) that caused the work now running. */
  causationId?: string;
  identity?: Identity;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

export function newCorrelationId(): string {
  return randomUUID();
}

export const CORRELATION_HEADER = 'x-correlation-id';
