import { beforeAll, describe, expect, it } from '@jest/globals';
import { expectLabelled } from '#testing';
import { inject } from './support/system.js';
import { runMessySimulation, type MessySimulationResult } from '../../scripts/simulation/index.js';

/**
 * The simulation's messy scenario (`npm run simulate -- --scenario messy`) at a small size, through
 * the gateway with every service running: a 12-week cohort on the sandbox clock taken off the happy
 * path (SPEC 7) — the cohort renamed and its capacity raised, a talk moved and another cancelled
 * after their RSVPs, an intern withdrawn and reinstated, a midpoint EXTEND corrected to CONTINUE,
 * an EXTEND over the 5-week total refused, a mentor who misses both windows of one intern (a PM
 * records them late), a presentation slot closed under its intern who books another — then every
 * service's view checked. The same code as the command line; see scripts/simulation/run-messy.ts.
 */

let result: MessySimulationResult;
const lines: string[] = [];

/** The run's own log, shown when a check fails. */
const logOfRun = (): string => lines.join('\n');

beforeAll(async () => {
  result = await runMessySimulation({
    url: inject('gatewayUrl'),
    interns: 6,
    mentors: 3,
    seed: 'e2e-messy',
    log: (m) => lines.push(m),
  });
}, 900_000);

describe('the messy simulation at a small size', () => {
  it('carries out every step off the happy path', () => {
    expectLabelled(
      result.failures.map((f) => `${f.step}\n${f.detail}`),
      logOfRun(),
    ).toEqual([]);
  });

  it('ends consistent in every service: nobody ACTIVE, no stale extension, the report agreeing, people told', () => {
    const checks = result.checks.filter((c) => !c.name.startsWith('step: '));
    expect(checks.length).toBeGreaterThan(15);
    expectLabelled(
      checks.filter((c) => !c.ok),
      logOfRun(),
    ).toEqual([]);
    expect(result.views.report).toMatchObject({ interns: 6, completed: 6, withdrawn: 0, awaitingFinalOutcome: 0 });
  });
});
