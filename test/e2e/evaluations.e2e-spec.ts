import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { KafkaProbe, ofType } from '#testing';
import { codes, eventually, gql, signIn, type GraphQLResponse } from './support/client.js';
import { aCohort, aMentor, anIntern } from './support/factories.js';

// Issue 6 through the gateway, with every service running: midpoint EXTEND and TERMINATE
// decisions applied by the cohorts service, a final PASS with STRONG_YES in the cohort report,
// and an intern with two missed check-ins and an overdue milestone turning RED (on the read model
// and as InternRiskChanged on Kafka). The program runs on the sandbox clock (advanceCohortClock).

const EVALUATIONS_TOPIC = 'mentorflow.evaluations.events';
const RISK_CHANGED = 'mentorflow.evaluations.InternRiskChanged.v1';

const SCHEDULE = `mutation ($input: ScheduleCohortInput!) { scheduleCohort(input: $input) { id weeks } }`;
const ENROLL = `mutation ($input: EnrollInternInput!) { enrollIntern(input: $input) { id status } }`;
const REGISTER = `mutation ($input: RegisterMentorInput!) { registerMentor(input: $input) { id } }`;
const ASSIGN = `mutation ($input: AssignMentorInput!) { assignMentor(input: $input) { __typename } }`;
const ADVANCE = `mutation ($input: AdvanceCohortClockInput!) { advanceCohortClock(input: $input) { id } }`;
const DRAFT = `mutation ($input: DraftProjectScopeInput!) { draftProjectScope(input: $input) { id } }`;
const SUBMIT_SCOPE = `mutation ($input: SubmitProjectScopeInput!) { submitProjectScope(input: $input) { id } }`;
const APPROVE = `mutation ($input: ApproveProjectScopeInput!) { approveProjectScope(input: $input) { id } }`;
const WINDOWS = `query ($id: ID!) { evaluationWindows(internId: $id) { cycle week status } }`;
const SUBMIT_MENTOR = `mutation ($input: SubmitMentorEvaluationInput!) {
  submitMentorEvaluation(input: $input) { id cycle decision extensionWeeks returnOffer averageScore } }`;
const SUBMIT_SELF = `mutation ($input: SubmitSelfEvaluationInput!) { submitSelfEvaluation(input: $input) { id programNps } }`;
const ENROLLMENT = `query ($id: ID!) { intern(id: $id) { id enrollments { cohortId status extensionWeeks outcome
  calendar { programWeeks extensionWeeks keyDates { presentationsWeek { startsOn endsOn } finalEvaluationsDue } } } } }`;
const PROGRESS = `query ($c: ID, $r: RiskLevel) { internProgress(cohortId: $c, riskLevel: $r, first: 50) { totalCount edges { node {
  internId riskLevel riskReasons currentWeek checkIns { missed missedWeeks } milestoneReports { missing overdueMilestones { title dueWeek } }
  evaluationResults { midpointDecision finalOutcome returnOffer } } } } }`;
const REPORT = `query ($c: ID!) { cohortReport(cohortId: $c) { cohortId interns completed terminated passed failed passRate completionRate
  returnOffers { strongYes yes no recommended } programNps { score responses promoters }
  rubricAverages { competency finalAverage } mentorCalibration { cohortMean mentors { mentorId meanScore difference tendency } }
  checkIns { logged missed rate } milestoneReports { onTime late missing onTimeRate } } }`;

const COMPETENCIES = [
  'TECHNICAL_EXECUTION',
  'ML_DATA_FUNDAMENTALS',
  'PROBLEM_SOLVING',
  'COMMUNICATION',
  'COLLABORATION',
  'OWNERSHIP',
];
const scores = (score: number) => COMPETENCIES.map((competency) => ({ competency, score, comment: null }));

function ok<T = any>(res: GraphQLResponse<T>, what: string): T {
  if (res.errors?.length)
    throw new Error(`${what}: ${res.errors.map((e) => `${e.extensions?.code} ${e.message}`).join('; ')}`);
  return res.data as T;
}

/** Retries an operation that depends on another service's projection (e.g. of InternEnrolled) until it is accepted. */
async function until<T = any>(what: string, send: () => Promise<GraphQLResponse<T>>, timeoutMs = 30_000): Promise<T> {
  let last: GraphQLResponse<T> | undefined;
  try {
    return await eventually(
      async () => {
        last = await send();
        return last.errors?.length ? undefined : (last.data as T);
      },
      { timeoutMs, what },
    );
  } catch (err) {
    throw new Error(`${(err as Error).message}; last answer: ${JSON.stringify(last?.errors ?? last?.data)}`, {
      cause: err,
    });
  }
}

let pm: string;
let mentor: string;
let probe: KafkaProbe;
let cohortId: string;
const mentorInput = aMentor({ capacity: 4 });
const mentorId = mentorInput.mentorId as string;
const interns: Record<'extend' | 'terminate' | 'pass' | 'red', Record<string, unknown>> = {} as never;
const idOf = (k: keyof typeof interns) => interns[k].internId as string;

async function advanceTo(week: number): Promise<void> {
  ok(await gql(ADVANCE, { input: { cohortId, toWeek: week } }, { token: pm }), `advanceCohortClock to week ${week}`);
}

async function windowOpen(internId: string, cycle: 'MIDPOINT' | 'FINAL'): Promise<void> {
  await eventually(
    async () => {
      const res = await gql(WINDOWS, { id: internId }, { token: pm });
      const w = (res.data?.evaluationWindows ?? []).find((x: { cycle: string }) => x.cycle === cycle);
      return w?.status === 'OPEN' ? w : undefined;
    },
    { timeoutMs: 30_000, what: `the ${cycle} window of ${internId} to open` },
  );
}

async function enrollmentOf(internId: string): Promise<any> {
  const res = await gql(ENROLLMENT, { id: internId }, { token: pm });
  return ok(res, 'intern').intern.enrollments.find((e: { cohortId: string }) => e.cohortId === cohortId);
}

beforeAll(async () => {
  pm = await signIn('pm-eval-e2e', 'PROGRAM_MANAGER');
  mentor = await signIn(mentorId, 'MENTOR');
  probe = await KafkaProbe.start([EVALUATIONS_TOPIC]);
  const cohort = ok(
    await gql(SCHEDULE, { input: aCohort({ capacity: 6 }) }, { token: pm }),
    'scheduleCohort',
  ).scheduleCohort;
  cohortId = cohort.id;
  for (const key of ['extend', 'terminate', 'pass', 'red'] as const) {
    interns[key] = anIntern(cohortId, { name: `Intern ${key}` });
    ok(await gql(ENROLL, { input: interns[key] }, { token: pm }), `enrollIntern ${key}`);
  }
  ok(await gql(REGISTER, { input: mentorInput }, { token: pm }), 'registerMentor');
  for (const key of ['extend', 'terminate', 'pass', 'red'] as const) {
    await until(`assignMentor ${key}`, () =>
      gql(ASSIGN, { input: { internId: idOf(key), mentorId, role: 'PRIMARY' } }, { token: pm }),
    );
  }
}, 120_000);

afterAll(async () => {
  await probe?.stop();
});

describe('evaluations through the gateway', () => {
  it('turns an intern with two missed check-ins and an overdue milestone RED, and publishes InternRiskChanged RED', async () => {
    const red = idOf('red');
    const internToken = await signIn(red, 'INTERN');
    const project = await until('draftProjectScope', () =>
      gql(
        DRAFT,
        {
          input: {
            title: 'Session-based recommendations',
            problemStatement: 'Recommend the next item from the current session',
            objectives: ['Beat the popularity baseline'],
            successMetrics: [{ name: 'Recall@20', target: '>= 0.25', unit: '' }],
            deliverables: ['A model behind a feature flag'],
            milestones: [{ title: 'Baseline model', dueWeek: 2, acceptanceCriteria: ['Offline recall measured'] }],
          },
        },
        { token: internToken },
      ),
    );
    const projectId = project.draftProjectScope.id as string;
    ok(await gql(SUBMIT_SCOPE, { input: { projectId } }, { token: internToken }), 'submitProjectScope');
    await until('approveProjectScope', () => gql(APPROVE, { input: { projectId } }, { token: mentor }));

    // Weeks 1 and 2 pass without a check-in; the milestone due at the end of week 2 has no report.
    await advanceTo(3);
    const row = await eventually(
      async () => {
        const res = await gql(PROGRESS, { c: cohortId, r: 'RED' }, { token: pm });
        return ok(res, 'internProgress')
          .internProgress.edges.map((e: any) => e.node)
          .find((n: any) => n.internId === red);
      },
      { timeoutMs: 45_000, what: 'the intern to turn RED' },
    );
    expect(row.checkIns).toEqual({ missed: 2, missedWeeks: [1, 2] });
    expect(row.milestoneReports).toEqual({ missing: 1, overdueMilestones: [{ title: 'Baseline model', dueWeek: 2 }] });
    expect(row.riskReasons).toEqual(
      expect.arrayContaining([
        '2 check-ins missed (weeks 1 and 2)',
        '1 milestone report overdue: “Baseline model” (due week 2)',
      ]),
    );
    expect(row.riskReasons.indexOf('2 check-ins missed (weeks 1 and 2)')).toBe(0);

    const [changed] = await probe.waitFor(
      (m) => ofType(RISK_CHANGED, red)(m) && (m.json as { level: string }).level === 'RED',
      { timeoutMs: 30_000 },
    );
    expect(changed!.json).toMatchObject({ cohortId, internId: red, level: 'RED' });

    // The intern sees their own row only; another intern sees nothing of it.
    const own = ok(await gql(PROGRESS, { c: cohortId }, { token: internToken }), 'own progress').internProgress;
    expect(own.edges.map((e: any) => e.node.internId)).toEqual([red]);
    const other = ok(
      await gql(PROGRESS, { c: cohortId }, { token: await signIn('someone-else', 'INTERN') }),
      'other',
    ).internProgress;
    expect(other.totalCount).toBe(0);
  }, 120_000);

  it('applies a midpoint EXTEND in the cohorts service (the intern’s dates move) and a TERMINATE (the enrollment ends)', async () => {
    await advanceTo(6);
    const extend = idOf('extend');
    const terminate = idOf('terminate');
    await windowOpen(extend, 'MIDPOINT');
    const before = await enrollmentOf(extend);
    expect(before).toMatchObject({ status: expect.stringMatching(/ONBOARDING|ACTIVE|ENROLLED/), extensionWeeks: 0 });
    expect(before.calendar.programWeeks).toBe(12);

    const extended = ok(
      await gql(
        SUBMIT_MENTOR,
        {
          input: {
            internId: extend,
            cycle: 'MIDPOINT',
            scores: scores(3),
            sharedComments: 'Good foundations; more time to finish the model',
            privateComments: 'Needs close support',
            decision: 'EXTEND',
            extensionWeeks: 2,
          },
        },
        { token: mentor },
      ),
      'submitMentorEvaluation EXTEND',
    ).submitMentorEvaluation;
    expect(extended).toMatchObject({ cycle: 'MIDPOINT', decision: 'EXTEND', extensionWeeks: 2 });

    const moved = await eventually(
      async () => {
        const e = await enrollmentOf(extend);
        return e?.extensionWeeks === 2 ? e : undefined;
      },
      { timeoutMs: 30_000, what: 'the cohorts service to extend the internship' },
    );
    expect(moved.calendar.programWeeks).toBe(14);
    expect(
      moved.calendar.keyDates.presentationsWeek.startsOn > before.calendar.keyDates.presentationsWeek.startsOn,
    ).toBe(true);
    const shiftDays =
      (Date.parse(moved.calendar.keyDates.presentationsWeek.startsOn) -
        Date.parse(before.calendar.keyDates.presentationsWeek.startsOn)) /
      86_400_000;
    expect(shiftDays).toBe(14);
    // The evaluations service moved the intern's final window with it (InternshipExtended).
    await eventually(
      async () => {
        const res = await gql(WINDOWS, { id: extend }, { token: pm });
        const final = (res.data?.evaluationWindows ?? []).find((w: { cycle: string }) => w.cycle === 'FINAL');
        return final?.week === 14 ? final : undefined;
      },
      { timeoutMs: 30_000, what: 'the final window to move to week 14' },
    );

    await windowOpen(terminate, 'MIDPOINT');
    ok(
      await gql(
        SUBMIT_MENTOR,
        {
          input: {
            internId: terminate,
            cycle: 'MIDPOINT',
            scores: scores(1),
            sharedComments: 'The agreed scope was not delivered',
            decision: 'TERMINATE',
          },
        },
        { token: mentor },
      ),
      'submitMentorEvaluation TERMINATE',
    );
    const ended = await eventually(
      async () => {
        const e = await enrollmentOf(terminate);
        return e?.status === 'TERMINATED' ? e : undefined;
      },
      { timeoutMs: 30_000, what: 'the cohorts service to terminate the enrollment' },
    );
    expect(ended.status).toBe('TERMINATED');
    // A decision cannot be taken again once the enrollment ended, as soon as the evaluations
    // service has consumed InternTerminated too (until then an edit in the open window is allowed).
    await eventually(
      async () => {
        const r = await gql(REPORT, { c: cohortId }, { token: pm });
        return (r.data?.cohortReport?.terminated ?? 0) >= 1 ? r : undefined;
      },
      { timeoutMs: 30_000, what: 'the evaluations service to see the enrollment TERMINATED' },
    );
    const again = await gql(
      SUBMIT_MENTOR,
      {
        input: {
          internId: terminate,
          cycle: 'MIDPOINT',
          scores: scores(1),
          sharedComments: 'x',
          decision: 'TERMINATE',
        },
      },
      { token: mentor },
    );
    expect(codes(again)).toEqual(['CONFLICT']);

    // Evaluating outside a window is a CONFLICT naming it.
    const early = await gql(
      SUBMIT_MENTOR,
      {
        input: {
          internId: idOf('pass'),
          cycle: 'FINAL',
          scores: scores(4),
          sharedComments: 'x',
          decision: 'PASS',
          returnOffer: 'YES',
        },
      },
      { token: mentor },
    );
    expect(codes(early)).toEqual(['CONFLICT']);
    expect(early.errors![0]!.message).toMatch(/the FINAL evaluation window \(week 12, .*\) .* has not opened yet/);

    ok(
      await gql(
        SUBMIT_MENTOR,
        {
          input: {
            internId: idOf('pass'),
            cycle: 'MIDPOINT',
            scores: scores(4),
            sharedComments: 'On track',
            decision: 'CONTINUE',
          },
        },
        { token: mentor },
      ),
      'submitMentorEvaluation CONTINUE',
    );
  }, 120_000);

  it('shows a final PASS with a STRONG_YES return offer in the cohort report', async () => {
    await advanceTo(12);
    const pass = idOf('pass');
    await windowOpen(pass, 'FINAL');
    // The intern's own evaluation first: the mentor's final PASS completes the enrollment, and the
    // intern's self-evaluations close as soon as cohorts has applied it (a race if sent after).
    const internToken = await signIn(pass, 'INTERN');
    ok(
      await gql(
        SUBMIT_SELF,
        { input: { cycle: 'FINAL', scores: scores(4), reflections: 'I learned to ship', programNps: 10 } },
        { token: internToken },
      ),
      'submitSelfEvaluation',
    );
    const final = ok(
      await gql(
        SUBMIT_MENTOR,
        {
          input: {
            internId: pass,
            cycle: 'FINAL',
            scores: scores(5),
            sharedComments: 'Outstanding work, shipped to production',
            privateComments: 'Hire',
            decision: 'PASS',
            returnOffer: 'STRONG_YES',
          },
        },
        { token: mentor },
      ),
      'submitMentorEvaluation PASS',
    ).submitMentorEvaluation;
    expect(final).toMatchObject({ cycle: 'FINAL', decision: 'PASS', returnOffer: 'STRONG_YES', averageScore: 5 });
    // The intern sees their evaluation without the private comments or the return offer.
    const seen = ok(
      await gql(
        `query ($id: ID!) { evaluations(internId: $id, cycle: FINAL) { kind privateComments returnOffer } }`,
        { id: pass },
        { token: internToken },
      ),
      'evaluations as the intern',
    ).evaluations;
    expect(seen).toEqual(expect.arrayContaining([{ kind: 'MENTOR', privateComments: null, returnOffer: null }]));

    const report = await eventually(
      async () => {
        const r = ok(await gql(REPORT, { c: cohortId }, { token: pm }), 'cohortReport').cohortReport;
        return r.completed >= 1 && r.terminated >= 1 ? r : undefined;
      },
      { timeoutMs: 45_000, what: 'the report to show the completed and the terminated intern' },
    );
    expect(report).toMatchObject({
      cohortId,
      interns: 4,
      passed: 1,
      failed: 0,
      passRate: 1,
      completed: 1,
      terminated: 1,
      completionRate: 0.25,
      returnOffers: { strongYes: 1, yes: 0, no: 0, recommended: 1 },
      programNps: { score: 100, responses: 1, promoters: 1 },
    });
    expect(report.rubricAverages.find((a: any) => a.competency === 'OWNERSHIP').finalAverage).toBe(5);
    expect(report.mentorCalibration.mentors.map((m: any) => m.mentorId)).toEqual([mentorId]);
    expect(report.checkIns.missed).toBeGreaterThanOrEqual(8);
    expect(report.milestoneReports.missing).toBe(1);
    const completed = await eventually(
      async () => {
        const e = await enrollmentOf(pass);
        return e?.status === 'COMPLETED' ? e : undefined;
      },
      { timeoutMs: 30_000, what: 'the cohorts service to complete the enrollment' },
    );
    expect(completed.outcome).toBe('PASS');

    const forbidden = await gql(REPORT, { c: cohortId }, { token: mentor });
    expect(codes(forbidden)).toEqual(['FORBIDDEN']);
  }, 120_000);
});
