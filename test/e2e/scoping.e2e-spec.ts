import { beforeAll, describe, expect, it } from '@jest/globals';
import { expectLabelled } from '#testing';
import { codes, eventually, gql, signIn, type GraphQLResponse } from './support/client.js';
import { aCohort, aMentor, anIntern } from './support/factories.js';

// Project scoping through the gateway, with every service running: the cohort and enrollments
// come from cohorts, the mentor assignment from mentors (registerMentor, assignMentor), and
// scoping learns both from their events on Kafka before the intern and mentor act.

const SCHEDULE = `mutation ($input: ScheduleCohortInput!) { scheduleCohort(input: $input) { id weeks } }`;
const ENROLL = `mutation ($input: EnrollInternInput!) { enrollIntern(input: $input) { id } }`;
const REGISTER = `mutation ($input: RegisterMentorInput!) { registerMentor(input: $input) { id } }`;
const ASSIGN = `mutation ($input: AssignMentorInput!) { assignMentor(input: $input) { id role } }`;
const ADVANCE = `mutation ($input: AdvanceCohortClockInput!) { advanceCohortClock(input: $input) { id } }`;

const PROJECT_FIELDS = `id revision status latestVersion versionInForce
  milestones { id title dueWeek status reports { id attempt status late } }`;
const DRAFT = `mutation ($input: DraftProjectScopeInput!) { draftProjectScope(input: $input) { ${PROJECT_FIELDS} } }`;
const SUBMIT = `mutation ($input: SubmitProjectScopeInput!) { submitProjectScope(input: $input) { ${PROJECT_FIELDS} } }`;
const REQUEST_CHANGES = `mutation ($input: RequestScopeChangesInput!) { requestScopeChanges(input: $input) { ${PROJECT_FIELDS} } }`;
const APPROVE = `mutation ($input: ApproveProjectScopeInput!) { approveProjectScope(input: $input) { ${PROJECT_FIELDS} } }`;
const REPORT = `mutation ($input: SubmitMilestoneReportInput!) {
  submitMilestoneReport(input: $input) { id attempt status late dueWeek submittedWeek metricResults { name value meetsTarget } } }`;
const REVIEW = `mutation ($input: ReviewMilestoneReportInput!) { reviewMilestoneReport(input: $input) { id status feedback reviewedBy } }`;
const PROJECT = `query ($id: ID!) { project(id: $id) { ${PROJECT_FIELDS} programWeek scopeDueWeek
  versions { version status title feedback decidedBy history { action actorId feedback } } } }`;

let pm: string;

function aScope(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Session-aware recommendations',
    problemStatement: 'Recommendations ignore what the user did in the current session.',
    objectives: ['Model the session', 'Run an A/B test'],
    successMetrics: [
      { name: 'RMSE', target: '≤ 0.85', unit: 'rating points' },
      { name: 'CTR uplift', target: '≥ 2%', unit: '%' },
    ],
    deliverables: ['Model in production', 'Write-up'],
    milestones: [
      { title: 'Baseline', dueWeek: 4, acceptanceCriteria: ['Baseline RMSE measured on the holdout'] },
      { title: 'Session model', dueWeek: 8, acceptanceCriteria: ['Beats the baseline offline'] },
    ],
    ...overrides,
  };
}

function ok<T = any>(response: GraphQLResponse<T>, what: string): T {
  expectLabelled(response.errors, `${what}: ${JSON.stringify(response.errors)}`).toBeUndefined();
  return response.data as T;
}

interface Team {
  cohortId: string;
  internId: string;
  intern: string;
  mentorId: string;
  mentor: string;
}

/**
 * A cohort with one intern and their primary mentor, assigned through the mentors service.
 * Returns once scoping has seen the enrollment and the assignment.
 */
async function team(): Promise<Team> {
  const cohort = ok(
    await gql(SCHEDULE, { input: aCohort({ weeks: 12 }) }, { token: pm }),
    'scheduleCohort',
  ).scheduleCohort;
  const internInput = anIntern(cohort.id);
  ok(await gql(ENROLL, { input: internInput }, { token: pm }), 'enrollIntern');
  const mentorInput = aMentor();
  ok(await gql(REGISTER, { input: mentorInput }, { token: pm }), 'registerMentor');
  const internId = internInput.internId as string;
  const mentorId = mentorInput.mentorId as string;
  // The mentors service assigns once it has seen the enrollment.
  await eventually(
    async () => {
      const r = await gql(ASSIGN, { input: { internId, mentorId, role: 'PRIMARY' } }, { token: pm });
      return r.errors ? undefined : r.data;
    },
    { timeoutMs: 30_000, what: 'assignMentor to succeed' },
  );
  return {
    cohortId: cohort.id,
    internId,
    intern: await signIn(internId, 'INTERN'),
    mentorId,
    mentor: await signIn(mentorId, 'MENTOR'),
  };
}

/** The first draft, retried until scoping has consumed the enrollment. */
async function firstDraft(t: Team, scope = aScope()): Promise<any> {
  return eventually(
    async () => {
      const r = await gql(DRAFT, { input: scope }, { token: t.intern });
      if (codes(r).includes('NOT_FOUND')) return undefined;
      return ok(r, 'draftProjectScope').draftProjectScope;
    },
    { timeoutMs: 30_000, what: 'scoping to know the enrollment' },
  );
}

/** Approval by the primary mentor, retried until scoping has consumed the assignment. */
async function approveWhenAssigned(t: Team, projectId: string, expectedRevision?: number): Promise<any> {
  return eventually(
    async () => {
      const r = await gql(APPROVE, { input: { projectId, expectedRevision } }, { token: t.mentor });
      if (codes(r).includes('NOT_FOUND')) return undefined;
      return ok(r, 'approveProjectScope').approveProjectScope;
    },
    { timeoutMs: 30_000, what: 'scoping to know the assignment' },
  );
}

beforeAll(async () => {
  pm = await signIn('pm-scoping-e2e', 'PROGRAM_MANAGER');
});

describe('project scoping through the gateway', () => {
  it('drafts, submits, gets changes requested, resubmits and is approved, with the whole history', async () => {
    const t = await team();
    const drafted = await firstDraft(t);
    expect(drafted).toMatchObject({ revision: 1, status: 'DRAFT', latestVersion: 1, versionInForce: null });
    const id = drafted.id as string;

    const submitted = ok(
      await gql(SUBMIT, { input: { projectId: id, expectedRevision: 1 } }, { token: t.intern }),
      'submit',
    );
    expect(submitted.submitProjectScope).toMatchObject({ status: 'SUBMITTED', revision: 2 });

    // The mentor waits for the assignment to reach scoping, then sends the scope back.
    const changes = await eventually(async () => {
      const r = await gql(
        REQUEST_CHANGES,
        { input: { projectId: id, feedback: 'Make the CTR target per cohort of users', expectedRevision: 2 } },
        { token: t.mentor },
      );
      if (codes(r).includes('NOT_FOUND')) return undefined;
      return ok(r, 'requestScopeChanges').requestScopeChanges;
    });
    expect(changes).toMatchObject({ status: 'CHANGES_REQUESTED', revision: 3 });

    // The intern edits the version (expectedRevision from what they read) and resubmits.
    const edited = ok(
      await gql(
        DRAFT,
        { input: aScope({ title: 'Session-aware recs, per-cohort CTR', expectedRevision: 3 }) },
        { token: t.intern },
      ),
      'edit',
    ).draftProjectScope;
    expect(edited).toMatchObject({ status: 'CHANGES_REQUESTED', revision: 4, latestVersion: 1 });
    const resubmitted = ok(
      await gql(SUBMIT, { input: { projectId: id, expectedRevision: 4 } }, { token: t.intern }),
      'resubmit',
    );
    expect(resubmitted.submitProjectScope.status).toBe('SUBMITTED');

    const approved = ok(
      await gql(APPROVE, { input: { projectId: id, expectedRevision: 5 } }, { token: t.mentor }),
      'approve',
    );
    expect(approved.approveProjectScope).toMatchObject({ status: 'APPROVED', versionInForce: 1, revision: 6 });

    const project = ok(await gql(PROJECT, { id }, { token: pm }), 'project as PM').project;
    expect(project.versions).toHaveLength(1);
    expect(project.versions[0]).toMatchObject({
      status: 'APPROVED',
      title: 'Session-aware recs, per-cohort CTR',
      decidedBy: t.mentorId,
    });
    expect(project.versions[0].history.map((h: any) => [h.action, h.actorId])).toEqual([
      ['DRAFTED', t.internId],
      ['SUBMITTED', t.internId],
      ['CHANGES_REQUESTED', t.mentorId],
      ['EDITED', t.internId],
      ['SUBMITTED', t.internId],
      ['APPROVED', t.mentorId],
    ]);
    expect(project.versions[0].history[2].feedback).toBe('Make the CTR target per cohort of users');

    // One query across subgraphs: the intern from cohorts, their project from scoping.
    const federated = ok(
      await gql(
        `query ($id: ID!) { intern(id: $id) { id name project { id status versionInForce } } }`,
        { id: t.internId },
        { token: t.intern },
      ),
      'Intern.project',
    );
    expect(federated.intern).toMatchObject({ id: t.internId, project: { id, status: 'APPROVED', versionInForce: 1 } });
  });

  it('revises an approved scope into version 2, which replaces version 1 once approved; a stale edit is a CONFLICT', async () => {
    const t = await team();
    const drafted = await firstDraft(t);
    const id = drafted.id as string;
    ok(await gql(SUBMIT, { input: { projectId: id } }, { token: t.intern }), 'submit');
    const v1 = await approveWhenAssigned(t, id);
    expect(v1).toMatchObject({ versionInForce: 1, revision: 3 });
    const baselineId = v1.milestones[0].id as string;

    const revising = ok(
      await gql(
        DRAFT,
        {
          input: aScope({
            expectedRevision: 3,
            milestones: [
              { id: baselineId, title: 'Baseline', dueWeek: 5, acceptanceCriteria: ['Baseline RMSE measured'] },
              { title: 'Session model', dueWeek: 8, acceptanceCriteria: ['Beats the baseline'] },
              { title: 'A/B test', dueWeek: 10, acceptanceCriteria: ['Test ran for a week'] },
            ],
          }),
        },
        { token: t.intern },
      ),
      'revise',
    ).draftProjectScope;
    // Version 2 is a draft; version 1 stays in force (and its milestones are the ones that count).
    expect(revising).toMatchObject({ status: 'DRAFT', latestVersion: 2, versionInForce: 1, revision: 4 });
    expect(revising.milestones.map((m: any) => m.dueWeek)).toEqual([4, 8]);

    const stale = await gql(DRAFT, { input: aScope({ title: 'Stale', expectedRevision: 3 }) }, { token: t.intern });
    expect(codes(stale)).toEqual(['CONFLICT']);

    ok(await gql(SUBMIT, { input: { projectId: id, expectedRevision: 4 } }, { token: t.intern }), 'submit v2');
    const v2 = ok(
      await gql(APPROVE, { input: { projectId: id, expectedRevision: 5 } }, { token: t.mentor }),
      'approve v2',
    ).approveProjectScope;
    expect(v2).toMatchObject({ status: 'APPROVED', latestVersion: 2, versionInForce: 2 });
    // The baseline milestone kept its id across versions.
    expect(v2.milestones.map((m: any) => [m.title, m.dueWeek])).toEqual([
      ['Baseline', 5],
      ['Session model', 8],
      ['A/B test', 10],
    ]);
    expect(v2.milestones[0].id).toBe(baselineId);
    const project = ok(await gql(PROJECT, { id }, { token: t.mentor }), 'project').project;
    expect(project.versions.map((v: any) => [v.version, v.status])).toEqual([
      [1, 'SUPERSEDED'],
      [2, 'APPROVED'],
    ]);
  });

  it('takes a milestone report, a revision request, the resubmission and its acceptance', async () => {
    const t = await team();
    const drafted = await firstDraft(t);
    ok(await gql(SUBMIT, { input: { projectId: drafted.id } }, { token: t.intern }), 'submit');
    const approved = await approveWhenAssigned(t, drafted.id);
    const milestoneId = approved.milestones[0].id as string;

    const first = ok(
      await gql(
        REPORT,
        {
          input: {
            milestoneId,
            summary: 'Baseline matrix factorisation trained',
            metricResults: [{ name: 'RMSE', value: 0.88 }],
            links: ['https://git.example.com/recs/pull/12'],
            blockers: ['Holdout split leaks sessions'],
            nextSteps: ['Fix the split'],
          },
        },
        { token: t.intern },
      ),
      'report',
    ).submitMilestoneReport;
    expect(first).toMatchObject({
      attempt: 1,
      status: 'SUBMITTED',
      late: false,
      metricResults: [{ name: 'RMSE', meetsTarget: false }],
    });

    const revision = ok(
      await gql(
        REVIEW,
        {
          input: { reportId: first.id, decision: 'REVISION_REQUESTED', feedback: 'Re-run with a session-aware split' },
        },
        { token: t.mentor },
      ),
      'request revision',
    ).reviewMilestoneReport;
    expect(revision).toMatchObject({ status: 'REVISION_REQUESTED', reviewedBy: t.mentorId });

    const second = ok(
      await gql(
        REPORT,
        { input: { milestoneId, summary: 'Re-run on a clean split', metricResults: [{ name: 'RMSE', value: 0.84 }] } },
        { token: t.intern },
      ),
      'resubmit',
    ).submitMilestoneReport;
    expect(second).toMatchObject({
      attempt: 2,
      status: 'SUBMITTED',
      metricResults: [{ name: 'RMSE', value: 0.84, meetsTarget: true }],
    });

    const accepted = ok(
      await gql(REVIEW, { input: { reportId: second.id, decision: 'ACCEPTED' } }, { token: t.mentor }),
      'accept',
    ).reviewMilestoneReport;
    expect(accepted.status).toBe('ACCEPTED');

    const project = ok(await gql(PROJECT, { id: drafted.id }, { token: t.intern }), 'project').project;
    expect(project.milestones[0]).toMatchObject({
      id: milestoneId,
      status: 'ACCEPTED',
      reports: [
        { id: first.id, attempt: 1, status: 'REVISION_REQUESTED' },
        { id: second.id, attempt: 2, status: 'ACCEPTED' },
      ],
    });
  });

  it('flags a report submitted after its due week as late (the clock advanced in sandbox mode)', async () => {
    const t = await team();
    const drafted = await firstDraft(
      t,
      aScope({ milestones: [{ title: 'Baseline', dueWeek: 3, acceptanceCriteria: ['Baseline measured'] }] }),
    );
    ok(await gql(SUBMIT, { input: { projectId: drafted.id } }, { token: t.intern }), 'submit');
    const approved = await approveWhenAssigned(t, drafted.id);

    ok(await gql(ADVANCE, { input: { cohortId: t.cohortId, toWeek: 5 } }, { token: pm }), 'advanceCohortClock');
    // Scoping's clock follows CohortWeekStarted: week 5 has started, week 3 is over.
    await eventually(
      async () => {
        const p = ok(await gql(PROJECT, { id: drafted.id }, { token: t.intern }), 'project').project;
        return p.programWeek >= 5 ? p : undefined;
      },
      { timeoutMs: 30_000, what: 'scoping to see week 5' },
    );
    const late = ok(
      await gql(
        REPORT,
        { input: { milestoneId: approved.milestones[0].id, summary: 'Finally done' } },
        { token: t.intern },
      ),
      'late report',
    ).submitMilestoneReport;
    expect(late).toMatchObject({ late: true, dueWeek: 3, submittedWeek: 5 });
  });

  it('takes a second draft with only the SPEC fields (expectedRevision is optional); a stale one is a CONFLICT', async () => {
    const t = await team();
    const drafted = await firstDraft(t);
    const again = ok(
      await gql(
        DRAFT,
        {
          input: aScope({
            milestones: [{ title: 'Baseline model', dueWeek: 5, acceptanceCriteria: ['Baseline RMSE measured'] }],
          }),
        },
        { token: t.intern },
      ),
      'second draft without expectedRevision',
    ).draftProjectScope;
    expect(again).toMatchObject({ id: drafted.id, revision: 2, status: 'DRAFT', latestVersion: 1 });
    expect(again.milestones.map((m: { dueWeek: number }) => m.dueWeek)).toEqual([5]);
    const stale = await gql(DRAFT, { input: { ...aScope(), expectedRevision: 1 } }, { token: t.intern });
    expect(codes(stale)).toEqual(['CONFLICT']);
    const project = ok(await gql(PROJECT, { id: drafted.id }, { token: t.intern }), 'project').project;
    expect(project).toMatchObject({ revision: 2, latestVersion: 1 });
    expect(project.milestones.map((m: { dueWeek: number }) => m.dueWeek)).toEqual([5]);
  });

  it('refuses an intern approving their own scope with FORBIDDEN', async () => {
    const t = await team();
    const drafted = await firstDraft(t);
    ok(await gql(SUBMIT, { input: { projectId: drafted.id } }, { token: t.intern }), 'submit');
    const own = await gql(APPROVE, { input: { projectId: drafted.id } }, { token: t.intern });
    expect(codes(own)).toEqual(['FORBIDDEN']);
    const project = ok(await gql(PROJECT, { id: drafted.id }, { token: t.intern }), 'project').project;
    expect(project.status).toBe('SUBMITTED');
    // Another intern cannot even see it.
    const other = await signIn('intern-scoping-nosy', 'INTERN');
    expect(ok(await gql(PROJECT, { id: drafted.id }, { token: other }), 'nosy').project).toBeNull();
  });

  it('answers a milestone in week 15 of a 12-week program with BAD_USER_INPUT naming milestones[0].dueWeek', async () => {
    const t = await team();
    const scope = aScope({ milestones: [{ title: 'Far future', dueWeek: 15, acceptanceCriteria: ['Done'] }] });
    const bad = await eventually(async () => {
      const r = await gql(DRAFT, { input: scope }, { token: t.intern });
      return codes(r).includes('NOT_FOUND') ? undefined : r;
    });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0]!.extensions!.fields).toEqual([
      { field: 'milestones[0].dueWeek', message: expect.stringMatching(/1 to 12/) },
    ]);
    expect(bad.errors![0]!.message).toMatch(/milestones\[0\]\.dueWeek/);
    const none = ok(
      await gql(`query ($id: ID!) { intern(id: $id) { project { id } } }`, { id: t.internId }, { token: t.intern }),
      'intern',
    );
    expect(none.intern.project).toBeNull();
  });
});
