/**
 * The Intern entity is owned by the cohorts service; this subgraph extends it with the intern's
 * evaluations, evaluation windows and progress.
 * The stub (only the key) is one class, `InternType` of `#platform`, shared by every subgraph that extends Intern.
 */
export { InternType } from '#platform';
