/**
 * The whole-program simulation (`npm run simulate`, see main.ts), one file per phase of the
 * program: setup (week 0), onboarding, matching, scoping, check-ins, milestone reports, tech talks,
 * midpoint, presentations, final (and the extended intern's later weeks), verify (the cohort
 * report against what the run did). test/e2e/simulation.e2e-spec.ts runs it at a small size.
 * The messy scenario (run-messy.ts, messy.ts, verify-messy.ts; test/e2e/simulation-messy.e2e-spec.ts)
 * takes the program off the happy path (SPEC 7) and checks every service's view at the end.
 */
export { runSimulation, type SimulationOptions, type SimulationResult } from './run-simulation.js';
export { runMessySimulation, type MessySimulationResult } from './run-messy.js';
export { SimulationStepError } from './support.js';
export type { SimulationCheck } from './verify.js';
