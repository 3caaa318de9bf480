/** The time source of the evaluations service's commands (submittedAt, scoredAt): injected so tests control it. */
export interface Clock {
  now(): Date;
}

export const EVALUATIONS_CLOCK = Symbol('EVALUATIONS_CLOCK');

export const systemClock: Clock = { now: () => new Date() };
