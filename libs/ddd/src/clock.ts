/** The time source of a service's commands: injected (token `CLOCK`), so that tests fix it. */
export interface Clock {
  now(): Date;
}

/** The DI token of the service's Clock (a plain symbol: the domain stays free of Nest). */
export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };
