import 'reflect-metadata';
import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  CheckInMissedV2,
  CohortCompletedV1,
  CohortUpdatedV1,
  FinalOutcomeAwaitedV1,
  FinalOutcomeRecordedV1,
  InternEnrolledV1,
  InternReinstatedV1,
  InternshipExtendedV1,
  InternshipExtensionRefusedV1,
  InternshipExtensionRevokedV1,
  InternWithdrawnV1,
  MidpointDecisionMadeV1,
  ProjectScopeApprovedV2,
} from '#contracts';
import { eventually, ofType } from '#testing';
import { FinalOutcomeReminders } from './evaluations/reminders/final-outcome-reminders.js';
import { enrolled, evaluationsWorld, SCORES, token } from './testing/evaluations-world.js';

// SPEC §7 in the evaluations service, against real Postgres and Kafka: corrections of a mentor
// evaluation (the mentor in the window, a program manager after it), the 5-week cap refused at
// submission, the new cohorts, scoping and mentors events, and the FinalOutcomeAwaited reminders
// (the scheduler is off: the spec runs its passes).
const world = evaluationsWorld({ REMINDER_TICK_MS: '0' });
const { run, gql, publish, scheduleCohort, startWeeks, assign, atWeek } = world;

const SUBMIT = `mutation ($input: SubmitMentorEvaluationInput!) {
  submitMentorEvaluation(input: $input) { id decision extensionWeeks revision recordedBy { id role } authorId } }`;
const PROGRESS = `query ($c: ID) { internProgress(cohortId: $c) { edges { node {
  internId enrollmentStatus extensionWeeks awaitingFinalOutcome
  scope { status approvedVersion } checkIns { missed missedWeeks }
  evaluationResults { midpointDecision midpointExtensionWeeks finalOutcome midpointExtensionRefused { requestedWeeks reason } } } } } }`;
const WINDOWS = `query ($id: ID!) { evaluationWindows(internId: $id) { cycle week status } }`;

const rows = async (sql: string, params: unknown[]) =>
  (await world.svc.dataSource.query(sql, params)) as Record<string, unknown>[];

interface ProgressNode {
  internId: string;
  enrollmentStatus: string;
  extensionWeeks: number;
  awaitingFinalOutcome: boolean;
  scope: { status: string; approvedVersion: number | null };
  checkIns: { missed: number; missedWeeks: number[] };
  evaluationResults: {
    midpointDecision: string | null;
    finalOutcome: string | null;
    midpointExtensionRefused: { requestedWeeks: number; reason: string } | null;
  };
}

let pm: string;
beforeAll(async () => {
  pm = await token('pm-1', 'PROGRAM_MANAGER');
});

async function progressOf(cohortId: string, internId: string): Promise<ProgressNode | undefined> {
  const res = await gql(PROGRESS, { c: cohortId }, pm);
  const edges = (res.data?.internProgress?.edges ?? []) as { node: ProgressNode }[];
  return edges.map((e) => e.node).find((n) => n.internId === internId);
}

const midpoint = (internId: string, overrides: Record<string, unknown> = {}) => ({
  internId,
  cycle: 'MIDPOINT',
  scores: SCORES,
  sharedComments: 'Solid first half',
  decision: 'CONTINUE',
  ...overrides,
});

describe('corrections and the extension cap', () => {
  const cohortId = `cohort-fix-${run}`;
  const ada = `ada-${run}`;
  const bob = `bob-${run}`;
  const mentorId = `mentor-fix-${run}`;
  let mentor: string;

  beforeAll(async () => {
    mentor = await token(mentorId, 'MENTOR');
    await scheduleCohort(cohortId);
    await publish(InternEnrolledV1, cohortId, enrolled(cohortId, ada, 'Ada'));
    await publish(InternEnrolledV1, cohortId, enrolled(cohortId, bob, 'Bob'));
    await assign(cohortId, ada, mentorId);
    await assign(cohortId, bob, mentorId);
    await startWeeks(cohortId, 1, 6);
    await atWeek(cohortId, 6);
    await eventually(async () =>
      (await rows(`SELECT 1 FROM mentor_assignments WHERE cohort_id = $1`, [cohortId])).length === 2 ? true : undefined,
    );
  });

  it('refuses an EXTEND over the 5-week total naming extensionWeeks, storing nothing', async () => {
    await publish(InternshipExtendedV1, cohortId, {
      enrollmentId: `enr-${bob}`,
      cohortId,
      internId: bob,
      weeks: 4,
      totalExtensionWeeks: 4,
      programWeeks: 16,
      newEndDate: '2027-09-26',
      reason: 'illness',
      source: 'PROGRAM_MANAGER',
      extendedAfterWeek: 6,
    });
    await eventually(async () =>
      (await rows(`SELECT 1 FROM interns WHERE intern_id = $1 AND jsonb_array_length(extensions) = 1`, [bob])).length
        ? true
        : undefined,
    );
    const refused = await gql(SUBMIT, { input: midpoint(bob, { decision: 'EXTEND', extensionWeeks: 2 }) }, mentor);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(refused.errors![0].extensions.fields!.map((f: { field: string }) => f.field)).toEqual(['extensionWeeks']);
    expect(await rows(`SELECT 1 FROM evaluations WHERE intern_id = $1`, [bob])).toEqual([]);
    const fits = await gql(SUBMIT, { input: midpoint(bob, { decision: 'EXTEND', extensionWeeks: 1 }) }, mentor);
    expect(fits.errors).toBeUndefined();
  });

  it('the mentor corrects EXTEND to CONTINUE in the window; a PM corrects after it; every reader ends on the latest', async () => {
    const first = await gql(SUBMIT, { input: midpoint(ada, { decision: 'EXTEND', extensionWeeks: 2 }) }, mentor);
    expect(first.errors).toBeUndefined();
    expect(first.data.submitMentorEvaluation).toMatchObject({
      revision: 1,
      recordedBy: { id: mentorId, role: 'MENTOR' },
    });
    const corrected = await gql(SUBMIT, { input: midpoint(ada) }, mentor);
    expect(corrected.errors).toBeUndefined();
    expect(corrected.data.submitMentorEvaluation).toMatchObject({
      id: first.data.submitMentorEvaluation.id,
      decision: 'CONTINUE',
      extensionWeeks: null,
      revision: 2,
    });
    const decisions = await world.svc.probe.waitFor(ofType(MidpointDecisionMadeV1.type, ada), { count: 2 });
    expect(decisions.map((d) => d.json)).toMatchObject([
      { decision: 'EXTEND', extensionWeeks: 2, revision: 1, mentorId },
      {
        decision: 'CONTINUE',
        extensionWeeks: null,
        revision: 2,
        mentorId,
        recordedBy: { id: mentorId, role: 'MENTOR' },
      },
    ]);
    await eventually(async () => (await progressOf(cohortId, ada))?.evaluationResults.midpointDecision === 'CONTINUE');

    await startWeeks(cohortId, 7, 7);
    await atWeek(cohortId, 7);
    const late = await gql(SUBMIT, { input: midpoint(ada, { sharedComments: 'late' }) }, mentor);
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });
    const byPm = await gql(SUBMIT, { input: midpoint(ada, { decision: 'EXTEND', extensionWeeks: 1 }) }, pm);
    expect(byPm.errors).toBeUndefined();
    expect(byPm.data.submitMentorEvaluation).toMatchObject({
      revision: 3,
      authorId: mentorId,
      recordedBy: { id: 'pm-1', role: 'PROGRAM_MANAGER' },
    });
    const [, , third] = await world.svc.probe.waitFor(ofType(MidpointDecisionMadeV1.type, ada), { count: 3 });
    expect(third!.json).toMatchObject({ revision: 3, mentorId, recordedBy: { id: 'pm-1', role: 'PROGRAM_MANAGER' } });
    expect(await rows(`SELECT revision FROM evaluations WHERE intern_id = $1`, [ada])).toEqual([{ revision: 3 }]);
    await eventually(async () => (await progressOf(cohortId, ada))?.evaluationResults.midpointDecision === 'EXTEND');
  });
});

describe('the new cohorts, scoping and mentors events', () => {
  const cohortId = `cohort-new-${run}`;
  const cy = `cy-${run}`;

  beforeAll(async () => {
    await scheduleCohort(cohortId);
    await publish(InternEnrolledV1, cohortId, enrolled(cohortId, cy, 'Cy'));
    await eventually(async () => ((await progressOf(cohortId, cy)) ? true : undefined));
  });

  it('CohortUpdated moves the windows; an extension revoked moves them back', async () => {
    await publish(CohortUpdatedV1, cohortId, {
      cohortId,
      name: 'Renamed',
      startDate: '2027-06-14',
      weeks: 14,
      timezone: 'Europe/Berlin',
      location: 'Berlin',
      workMode: 'HYBRID',
      capacity: 10,
      changed: ['name', 'startDate', 'weeks'],
      updatedBy: 'pm-1',
    });
    const windows = async () => (await gql(WINDOWS, { id: cy }, pm)).data?.evaluationWindows as { week: number }[];
    await eventually(async () => ((await windows())?.[1]?.week === 14 ? true : undefined));
    expect((await windows()).map((w) => w.week)).toEqual([7, 14]);
    await publish(InternshipExtendedV1, cohortId, {
      enrollmentId: `enr-${cy}`,
      cohortId,
      internId: cy,
      weeks: 2,
      totalExtensionWeeks: 2,
      programWeeks: 16,
      newEndDate: '2027-10-03',
      reason: 'midpoint',
      source: 'MIDPOINT_DECISION',
      extendedAfterWeek: 7,
    });
    await eventually(async () => ((await windows())[1]!.week === 16 ? true : undefined));
    await publish(InternshipExtensionRevokedV1, cohortId, {
      enrollmentId: `enr-${cy}`,
      cohortId,
      internId: cy,
      revokedWeeks: 2,
      extensions: [],
      totalExtensionWeeks: 0,
      programWeeks: 14,
      newEndDate: '2027-09-19',
      presentationsWeek: { startsOn: '2027-09-13', endsOn: '2027-09-19' },
      finalEvaluationsDue: '2027-09-19',
      reason: 'corrected to CONTINUE',
    });
    await eventually(async () => ((await windows())[1]!.week === 14 ? true : undefined));
    await eventually(async () => ((await progressOf(cohortId, cy))?.extensionWeeks === 0 ? true : undefined));
  });

  it('InternReinstated makes a withdrawn intern evaluable again', async () => {
    await publish(InternWithdrawnV1, cohortId, {
      enrollmentId: `enr-${cy}`,
      cohortId,
      internId: cy,
      reason: 'left',
      withdrawnBy: 'pm-1',
    });
    await eventually(async () =>
      (await rows(`SELECT 1 FROM interns WHERE intern_id = $1 AND status = 'WITHDRAWN'`, [cy])).length
        ? true
        : undefined,
    );
    await publish(InternReinstatedV1, cohortId, {
      enrollmentId: `enr-${cy}`,
      cohortId,
      internId: cy,
      reason: 'back',
      reinstatedBy: 'pm-1',
    });
    await eventually(async () =>
      (await rows(`SELECT 1 FROM interns WHERE intern_id = $1 AND status = 'ENROLLED' AND ended_at IS NULL`, [cy]))
        .length
        ? true
        : undefined,
    );
    await eventually(async () =>
      (await progressOf(cohortId, cy))?.enrollmentStatus === 'ENROLLED' ? true : undefined,
    );
  });

  it('shows a refused extension, and counts v2 scope approvals and missed check-ins', async () => {
    await publish(MidpointDecisionMadeV1, cy, {
      evaluationId: '00000000-0000-4000-8000-00000000c0de',
      cohortId,
      internId: cy,
      mentorId: 'grace',
      decision: 'EXTEND',
      extensionWeeks: 3,
      revision: 1,
      recordedBy: { id: 'grace', role: 'MENTOR' },
    });
    await publish(InternshipExtensionRefusedV1, cohortId, {
      cohortId,
      internId: cy,
      evaluationId: '00000000-0000-4000-8000-00000000c0de',
      mentorId: 'grace',
      requestedWeeks: 3,
      totalExtensionWeeks: 4,
      reason: 'over the 5-week total',
    });
    await publish(ProjectScopeApprovedV2, cy, {
      projectId: `p-${cy}`,
      cohortId,
      internId: cy,
      version: 1,
      mentorId: null,
      approvedBy: { id: 'pm-1', role: 'PROGRAM_MANAGER' },
      milestones: [],
    });
    await publish(CheckInMissedV2, cy, {
      cohortId,
      internId: cy,
      week: 2,
      mentorIds: ['grace'],
      primaryMentorId: 'grace',
    });
    const row = await eventually(async () => {
      const p = await progressOf(cohortId, cy);
      return p?.evaluationResults.midpointExtensionRefused && p.scope.status === 'APPROVED' && p.checkIns.missed === 1
        ? p
        : undefined;
    });
    expect(row.evaluationResults.midpointExtensionRefused).toEqual({
      requestedWeeks: 3,
      reason: 'over the 5-week total',
    });
    expect(row.checkIns.missedWeeks).toEqual([2]);
    expect(world.svc.probe.messages.filter((m) => m.topic === world.DLT)).toEqual([]);
  });
});

describe('a final outcome awaited', () => {
  const cohortId = `cohort-end-${run}`;
  const dee = `dee-${run}`;
  const mentorId = `mentor-end-${run}`;
  const REPORT = `query ($c: ID!) { cohortReport(cohortId: $c) { awaitingFinalOutcome passed } }`;
  const reminders = () => world.svc.app.get(FinalOutcomeReminders);
  const dueNow = () =>
    world.svc.dataSource.query(
      `UPDATE final_outcome_reminders SET next_due_at = now() - interval '1 second' WHERE intern_id = $1`,
      [dee],
    );

  beforeAll(async () => {
    await scheduleCohort(cohortId, 10);
    await publish(InternEnrolledV1, cohortId, enrolled(cohortId, dee, 'Dee'));
    await assign(cohortId, dee, mentorId);
    await startWeeks(cohortId, 1, 10, 10);
    await publish(CohortCompletedV1, cohortId, { cohortId, weeks: 10, completedAt: '2027-08-16T00:00:00.000Z' });
    await atWeek(cohortId, 11);
  });

  it('reminds once when the program ends and once a day after, stored so that a pass never repeats one', async () => {
    const [first] = await world.svc.probe.waitFor(ofType(FinalOutcomeAwaitedV1.type, dee));
    expect(first!.json).toEqual({ cohortId, internId: dee, mentorId, programEndedOn: '2027-08-15', reminder: 1 });
    await eventually(async () => ((await progressOf(cohortId, dee))?.awaitingFinalOutcome ? true : undefined));
    expect((await gql(REPORT, { c: cohortId }, pm)).data.cohortReport).toEqual({ awaitingFinalOutcome: 1, passed: 0 });

    expect(await reminders().pass()).toBe(0); // not due yet
    await dueNow();
    expect(await reminders().pass()).toBe(1);
    expect(await reminders().pass()).toBe(0); // the next one is a day away: nothing repeated
    const sent = await world.svc.probe.waitFor(ofType(FinalOutcomeAwaitedV1.type, dee), { count: 2 });
    expect(sent.map((m) => (m.json as { reminder: number }).reminder)).toEqual([1, 2]);
    expect(await rows(`SELECT reminders_sent FROM final_outcome_reminders WHERE intern_id = $1`, [dee])).toEqual([
      { reminders_sent: 2 },
    ]);
  });

  it('stops once a program manager records the missed FINAL late', async () => {
    const final = await gql(
      SUBMIT,
      {
        input: {
          internId: dee,
          cycle: 'FINAL',
          scores: SCORES,
          sharedComments: 'Recorded for an absent mentor',
          decision: 'PASS',
          returnOffer: 'YES',
        },
      },
      pm,
    );
    expect(final.errors).toBeUndefined();
    expect(final.data.submitMentorEvaluation).toMatchObject({
      revision: 1,
      authorId: mentorId,
      recordedBy: { id: 'pm-1', role: 'PROGRAM_MANAGER' },
    });
    const [outcome] = await world.svc.probe.waitFor(ofType(FinalOutcomeRecordedV1.type, dee));
    expect(outcome!.json).toMatchObject({ outcome: 'PASS', mentorId, revision: 1 });
    await dueNow();
    expect(await reminders().pass()).toBe(1); // resolved, not reminded
    expect(
      await rows(
        `SELECT reminders_sent FROM final_outcome_reminders WHERE intern_id = $1 AND resolved_at IS NOT NULL`,
        [dee],
      ),
    ).toEqual([{ reminders_sent: 2 }]);
    await eventually(async () =>
      (await progressOf(cohortId, dee))?.awaitingFinalOutcome === false ? true : undefined,
    );
    expect((await gql(REPORT, { c: cohortId }, pm)).data.cohortReport).toEqual({ awaitingFinalOutcome: 0, passed: 1 });
    expect(world.svc.probe.messages.filter(ofType(FinalOutcomeAwaitedV1.type, dee))).toHaveLength(2);
  });
});
