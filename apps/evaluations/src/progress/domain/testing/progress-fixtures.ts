import type { InternProgress } from '../intern-progress.js';

/** The evaluations part of an intern's progress before any evaluation (specs start from it). */
export function noEvaluations(overrides: Partial<InternProgress['evaluations']> = {}): InternProgress['evaluations'] {
  return {
    midpointDecision: null,
    midpointExtensionWeeks: null,
    extensionRefused: null,
    finalOutcome: null,
    returnOffer: null,
    mentorMidpointAverage: null,
    mentorFinalAverage: null,
    selfMidpointAverage: null,
    selfFinalAverage: null,
    overdue: [],
    ...overrides,
  };
}
