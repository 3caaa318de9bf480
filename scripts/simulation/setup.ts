import type { GraphqlClient } from './client.js';
import { Run } from './context.js';
import { GQL } from './operations.js';
import { type Plan, TIMEZONE, WEEKS } from './plan.js';
import { brief, eachLimited, signToken, SimulationStepError, upcomingMonday } from './support.js';

/**
 * Week 0: the people's tokens, the cohort scheduled (from the Monday after next), its rubrics read,
 * the mentors registered and the interns enrolled. Gives the run every later phase works on.
 */
export async function setUp(
  plan: Plan,
  client: GraphqlClient,
  { log, concurrency, timeoutMs }: { log: (message: string) => void; concurrency: number; timeoutMs: number },
): Promise<Run> {
  const { runTag, interns, mentors } = plan;
  const pm = await signToken(`sim-${runTag}-pm`, ['PROGRAM_MANAGER'], 'Simulation PM');
  const mentorTokens = new Map<string, string>();
  for (const m of mentors) mentorTokens.set(m.id, await signToken(m.id, ['MENTOR'], m.name));
  for (const i of interns) i.token = await signToken(i.id, ['INTERN'], i.name);
  log(
    `simulation ${runTag}: ${interns.length} interns, ${mentors.length} mentors, seed ${plan.seed}, ${concurrency} requests at a time`,
  );

  const startDate = upcomingMonday(1);
  const scheduled = await client.call('scheduleCohort', pm, GQL.scheduleCohort, {
    input: {
      name: `Simulated cohort ${runTag}`,
      startDate,
      weeks: WEEKS,
      timezone: TIMEZONE,
      location: 'Berlin',
      workMode: 'HYBRID',
      capacity: interns.length,
    },
  });
  const cohortId = scheduled.id;
  const rubrics = await client.call('rubrics', pm, GQL.rubrics, { cohortId });
  const keysOf = (kind: string) => {
    const rubric = rubrics.find((x) => x.kind === kind);
    if (!rubric) throw new SimulationStepError('rubrics', `  no ${kind} rubric in ${brief(rubrics)}`);
    return rubric.criteria.map((c) => c.key);
  };
  const all = <T>(items: T[], fn: (item: T) => Promise<unknown>) => eachLimited(items, concurrency, fn);
  await all(mentors, (m) =>
    client.call(`registerMentor ${m.id}`, pm, GQL.registerMentor, {
      input: {
        mentorId: m.id,
        name: m.name,
        email: `${m.id}@example.com`,
        team: m.team,
        expertise: m.expertise,
        timezone: m.timezone,
        capacity: m.capacity,
        cohortIds: [cohortId],
      },
    }),
  );
  await all(interns, (i) =>
    client.call(`enrollIntern ${i.id}`, pm, GQL.enrollIntern, {
      input: {
        cohortId,
        internId: i.id,
        name: i.name,
        email: `${i.id}@example.edu`,
        university: i.university,
        degreeLevel: i.degreeLevel,
        focusAreas: i.focusAreas,
        timezone: i.timezone,
      },
    }),
  );
  log(
    `• cohort ${cohortId} scheduled from ${startDate}; ${mentors.length} mentors registered; ${interns.length} interns enrolled`,
  );
  const cohort = {
    cohortId,
    startDate,
    tasks: scheduled.onboardingChecklist,
    competencies: keysOf('PROGRAM'),
    criteria: keysOf('PRESENTATION'),
  };
  return new Run(plan, client, log, pm, mentorTokens, cohort, concurrency, timeoutMs);
}
