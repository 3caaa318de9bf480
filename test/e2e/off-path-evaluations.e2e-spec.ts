import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { KafkaProbe, ofType } from '#testing';
import { codes, eventually, gql, signIn } from './support/client.js';
import {
  advanceCohort,
  assignMentor,
  competencyScores,
  enrollIntern,
  ok,
  registerMentor,
  scheduleCohort,
  type CohortRef,
  type Person,
} from './support/program.js';

// SPEC §7 evaluations through the gateway, with every service running on the sandbox clock: the
// primary mentor corrects a midpoint EXTEND to CONTINUE inside the window (the cohorts service
// ends with no extension), an EXTEND over the 5-week total is refused at submission, and a
// program manager records a missed FINAL late: until then the intern is awaiting their final
// outcome (internProgress, cohortReport, FinalOutcomeAwaited), after it they are COMPLETED.

const EVALUATIONS_TOPIC = 'mentorflow.evaluations.events';
const FINAL_OUTCOME_AWAITED = 'mentorflow.evaluations.FinalOutcomeAwaited.v1';

const SUBMIT = `mutation ($input: SubmitMentorEvaluationInput!) {
  submitMentorEvaluation(input: $input) { id cycle decision extensionWeeks revision recordedBy { id role } } }`;
const EXTEND = `mutation ($input: ExtendInternshipInput!) { extendInternship(input: $input) { id extensionWeeks } }`;
const WINDOWS = `query ($id: ID!) { evaluationWindows(internId: $id) { cycle week status } }`;
const ENROLLMENT = `query ($id: ID!) { intern(id: $id) { id enrollments { cohortId status extensionWeeks calendar { programWeeks } } } }`;
const PROGRESS = `query ($c: ID) { internProgress(cohortId: $c, first: 50) { edges { node {
  internId enrollmentStatus awaitingFinalOutcome evaluationResults { midpointDecision finalOutcome } } } } }`;
const REPORT = `query ($c: ID!) { cohortReport(cohortId: $c) { awaitingFinalOutcome completed passed } }`;

let pm: string;
let probe: KafkaProbe;
let cohort: CohortRef;
let mentor: Person;
let corrected: Person; // EXTEND corrected to CONTINUE by the mentor
let late: Person; // FINAL missed by the mentor, recorded late by a program manager
let capped: Person; // extended 4 weeks by a program manager: an EXTEND of 2 is over the total

const midpoint = (internId: string, overrides: Record<string, unknown> = {}) => ({
  internId,
  cycle: 'MIDPOINT',
  scores: competencyScores(3),
  sharedComments: 'Steady progress',
  decision: 'CONTINUE',
  ...overrides,
});

async function enrollmentOf(internId: string): Promise<any> {
  const res = await gql(ENROLLMENT, { id: internId }, { token: pm });
  return ok(res, 'intern').intern.enrollments.find((e: { cohortId: string }) => e.cohortId === cohort.id);
}

async function windowOf(internId: string, cycle: 'MIDPOINT' | 'FINAL'): Promise<{ week: number; status: string }> {
  const res = await gql(WINDOWS, { id: internId }, { token: pm });
  return (res.data?.evaluationWindows ?? []).find((w: { cycle: string }) => w.cycle === cycle);
}

async function progressOf(internId: string): Promise<any> {
  const res = await gql(PROGRESS, { c: cohort.id }, { token: pm });
  return (res.data?.internProgress?.edges ?? []).map((e: any) => e.node).find((n: any) => n.internId === internId);
}

beforeAll(async () => {
  pm = await signIn('pm-offpath-eval-e2e', 'PROGRAM_MANAGER');
  probe = await KafkaProbe.start([EVALUATIONS_TOPIC]);
  cohort = await scheduleCohort(pm, { capacity: 6 });
  mentor = await registerMentor(pm);
  corrected = await enrollIntern(pm, cohort.id, { name: 'Corrected Intern' });
  late = await enrollIntern(pm, cohort.id, { name: 'Late Final Intern' });
  capped = await enrollIntern(pm, cohort.id, { name: 'Capped Intern' });
  for (const intern of [corrected, late, capped]) await assignMentor(pm, intern.id, mentor.id);
  await advanceCohort(pm, cohort.id, 6);
  for (const intern of [corrected, late, capped]) {
    await eventually(async () => ((await windowOf(intern.id, 'MIDPOINT'))?.status === 'OPEN' ? true : undefined), {
      timeoutMs: 30_000,
      what: `the MIDPOINT window of ${intern.id} to open`,
    });
  }
}, 180_000);

afterAll(async () => {
  await probe?.stop();
});

describe('off-path evaluations through the gateway', () => {
  it('the mentor corrects a midpoint EXTEND to CONTINUE in the window: the enrollment ends with no extension', async () => {
    const extended = ok(
      await gql(
        SUBMIT,
        { input: midpoint(corrected.id, { decision: 'EXTEND', extensionWeeks: 2 }) },
        { token: mentor.token },
      ),
      'submitMentorEvaluation EXTEND',
    ).submitMentorEvaluation;
    expect(extended).toMatchObject({ decision: 'EXTEND', revision: 1, recordedBy: { id: mentor.id, role: 'MENTOR' } });
    await eventually(async () => ((await enrollmentOf(corrected.id))?.extensionWeeks === 2 ? true : undefined), {
      timeoutMs: 30_000,
      what: 'the cohorts service to extend the internship',
    });

    const fixed = ok(
      await gql(SUBMIT, { input: midpoint(corrected.id) }, { token: mentor.token }),
      'submitMentorEvaluation CONTINUE',
    ).submitMentorEvaluation;
    expect(fixed).toMatchObject({ id: extended.id, decision: 'CONTINUE', extensionWeeks: null, revision: 2 });

    const back = await eventually(
      async () => {
        const e = await enrollmentOf(corrected.id);
        return e?.extensionWeeks === 0 ? e : undefined;
      },
      { timeoutMs: 30_000, what: 'the cohorts service to revoke the extension' },
    );
    expect(back.calendar.programWeeks).toBe(12);
    await eventually(async () => ((await windowOf(corrected.id, 'FINAL'))?.week === 12 ? true : undefined), {
      timeoutMs: 30_000,
      what: 'the final window to move back to week 12',
    });
    await eventually(
      async () =>
        (await progressOf(corrected.id))?.evaluationResults.midpointDecision === 'CONTINUE' ? true : undefined,
      { timeoutMs: 30_000, what: 'the progress read model to end on CONTINUE' },
    );
  });

  it('refuses an EXTEND over the 5-week total at submission, naming extensionWeeks', async () => {
    ok(
      await gql(
        EXTEND,
        { input: { cohortId: cohort.id, internId: capped.id, weeks: 4, reason: 'Illness' } },
        { token: pm },
      ),
      'extendInternship',
    );
    // The evaluations service learnt of the extension (its final window moved by 4 weeks).
    await eventually(async () => ((await windowOf(capped.id, 'FINAL'))?.week === 16 ? true : undefined), {
      timeoutMs: 30_000,
      what: 'the evaluations service to see the extension',
    });
    const refused = await gql(
      SUBMIT,
      { input: midpoint(capped.id, { decision: 'EXTEND', extensionWeeks: 2 }) },
      { token: mentor.token },
    );
    expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors?.[0]?.extensions?.fields?.map((f) => f.field)).toEqual(['extensionWeeks']);
    const fits = await gql(
      SUBMIT,
      { input: midpoint(capped.id, { decision: 'EXTEND', extensionWeeks: 1 }) },
      { token: mentor.token },
    );
    expect(fits.errors).toBeUndefined();
  });

  it('a program manager records a missed FINAL late: awaiting until then, COMPLETED after', async () => {
    ok(
      await gql(SUBMIT, { input: midpoint(late.id) }, { token: mentor.token }),
      'submitMentorEvaluation late midpoint',
    );
    await advanceCohort(pm, cohort.id, 13);
    const awaiting = await eventually(
      async () => {
        const p = await progressOf(late.id);
        return p?.awaitingFinalOutcome ? p : undefined;
      },
      { timeoutMs: 30_000, what: 'the intern to be awaiting their final outcome' },
    );
    expect(awaiting.evaluationResults.finalOutcome).toBeNull();
    // The corrected intern's program ended too without a FINAL; the capped one's runs on.
    const report = ok(await gql(REPORT, { c: cohort.id }, { token: pm }), 'cohortReport').cohortReport;
    expect(report.awaitingFinalOutcome).toBe(2);
    const [reminder] = await probe.waitFor(ofType(FINAL_OUTCOME_AWAITED, late.id), { timeoutMs: 30_000 });
    expect(reminder!.json).toMatchObject({ cohortId: cohort.id, internId: late.id, mentorId: mentor.id, reminder: 1 });

    // The mentor's window closed: only a program manager may record it now.
    const final = {
      internId: late.id,
      cycle: 'FINAL',
      scores: competencyScores(4),
      sharedComments: 'Recorded for the mentor, who was away',
      decision: 'PASS',
      returnOffer: 'YES',
    };
    expect(codes(await gql(SUBMIT, { input: final }, { token: mentor.token }))).toEqual(['CONFLICT']);
    const recorded = ok(
      await gql(SUBMIT, { input: final }, { token: pm }),
      'submitMentorEvaluation FINAL by a PM',
    ).submitMentorEvaluation;
    expect(recorded).toMatchObject({ cycle: 'FINAL', decision: 'PASS', recordedBy: { role: 'PROGRAM_MANAGER' } });

    await eventually(async () => ((await enrollmentOf(late.id))?.status === 'COMPLETED' ? true : undefined), {
      timeoutMs: 30_000,
      what: 'the cohorts service to complete the enrollment',
    });
    const done = await eventually(
      async () => {
        const p = await progressOf(late.id);
        return p && !p.awaitingFinalOutcome && p.enrollmentStatus === 'COMPLETED' ? p : undefined;
      },
      { timeoutMs: 30_000, what: 'the progress read model to see the final outcome' },
    );
    expect(done.evaluationResults.finalOutcome).toBe('PASS');
    const after = ok(await gql(REPORT, { c: cohort.id }, { token: pm }), 'cohortReport').cohortReport;
    expect(after).toMatchObject({ awaitingFinalOutcome: 1, passed: 1 });
  });
});
