/** The wall clock, injectable so that handler specs can fix it. Deadlines never read it: they follow the cohort's clock events. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('SCOPING_CLOCK');

export const systemClock: Clock = { now: () => new Date() };
