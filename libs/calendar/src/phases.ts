/** Where a program stands in a week (SPEC §2). */
export enum CohortPhase {
  ONBOARDING = 'ONBOARDING',
  SCOPING = 'SCOPING',
  BUILD = 'BUILD',
  MIDPOINT = 'MIDPOINT',
  FINAL_PRESENTATIONS = 'FINAL_PRESENTATIONS',
  COMPLETED = 'COMPLETED',
}

/** The project scope is due at the end of this week of the program (SPEC §2). */
export const SCOPE_DUE_WEEK = 2;

/** The week whose midpoint evaluations fall due: floor(weeks / 2), so 6 of 12, 5 of 10, 11 of 22. */
export function midpointWeek(weeks: number): number {
  return Math.floor(weeks / 2);
}

/**
 * The phase a week of a program of `weeks` weeks is in: week 1 ONBOARDING, week 2 SCOPING, the
 * midpoint week MIDPOINT, the last week FINAL_PRESENTATIONS, every other week BUILD; after the
 * last week, COMPLETED.
 */
export function phaseOfWeek(week: number, weeks: number): CohortPhase {
  if (week > weeks) return CohortPhase.COMPLETED;
  if (week <= 1) return CohortPhase.ONBOARDING;
  if (week === SCOPE_DUE_WEEK) return CohortPhase.SCOPING;
  if (week === weeks) return CohortPhase.FINAL_PRESENTATIONS;
  if (week === midpointWeek(weeks)) return CohortPhase.MIDPOINT;
  return CohortPhase.BUILD;
}
