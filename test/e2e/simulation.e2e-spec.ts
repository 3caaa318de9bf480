import { beforeAll, describe, expect, it } from '@jest/globals';
import { expectLabelled } from '#testing';
import { inject } from './support/system.js';
import { runSimulation, type SimulationResult } from '../../scripts/simulation/index.js';

/**
 * The full-program simulation (`npm run simulate`) at a small size, through the gateway with every
 * service running: a 12-week cohort on the sandbox clock from scheduling to completion (onboarding,
 * matching, scopes with one sent back, weekly check-ins with skipped weeks, milestone reports with
 * late ones, talks, a midpoint EXTEND and TERMINATE, presentations with panels, final evaluations
 * with PASS/FAIL and return offers, program NPS, feedback on mentors, offers extended, accepted and
 * declined), then the cohort report, the cohort's programReport row and the mentors' feedback
 * summaries checked against what the run did. The same code as the command line; see scripts/simulation/.
 */

let result: SimulationResult;
const lines: string[] = [];

/** The run's own log, shown when the report disagrees with it. */
const logOfRun = (): string => lines.join('\n');

beforeAll(async () => {
  result = await runSimulation({
    url: inject('gatewayUrl'),
    interns: 6,
    mentors: 4,
    seed: 'e2e',
    log: (m) => lines.push(m),
  });
}, 600_000);

describe('the full-program simulation at a small size', () => {
  it('carries out every step of the program, the extended intern’s later weeks included', () => {
    expect(result.failures.map((f) => `${f.step}\n${f.detail}`)).toEqual([]);
  });

  it('finds the cohort report in agreement with everything the run did', () => {
    const reportChecks = result.checks.filter((c) => !c.name.startsWith('step: '));
    expect(reportChecks.length).toBeGreaterThan(20);
    expectLabelled(
      reportChecks.filter((c) => !c.ok),
      logOfRun(),
    ).toEqual([]);
    expect(result.report).toMatchObject({ interns: 6, terminated: 1, extended: 1, failed: 1 });
  });
});
