/** The time source of the cohorts context: injected, so that tests (and later the sandbox clock) control it. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('COHORTS_CLOCK');

export const systemClock: Clock = { now: () => new Date() };
