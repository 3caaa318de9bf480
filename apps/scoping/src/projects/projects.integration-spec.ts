import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { MentorUnassignedV1 } from '#contracts';
import { eventually, ofType, signTestToken } from '#testing';
import {
  APPROVE,
  code,
  dataOf,
  DRAFT,
  PROJECT,
  projectsWorld,
  REPORT,
  REVIEW,
  scope,
  SUBMIT,
  T,
} from '../testing/projects-world.js';

// Projects in the real scoping service (see projects-world.ts): who may approve a scope, what the
// subgraph answers, and milestone report reviews. Deadlines: project-deadlines.integration-spec.ts.
const world = projectsWorld();
const { run, gql, publish, consumed, waitOurs, cohortWith, assign } = world;

describe('approval rights come from the assignment events', () => {
  it('lets a mentor whose MentorAssigned arrives after the scope was drafted approve it', async () => {
    const internId = `intern-late-mentor-${run}`;
    const mentorId = `mentor-late-${run}`;
    const cohortId = await cohortWith([internId]);
    const intern = await signTestToken({ sub: internId, roles: ['INTERN'] });
    const mentor = await signTestToken({ sub: mentorId, roles: ['MENTOR'] });

    const drafted = await gql(DRAFT, { input: scope() }, intern);
    expect(drafted.errors).toBeUndefined();
    const project = drafted.data.draftProjectScope;
    expect(project).toMatchObject({ revision: 1, status: 'DRAFT', latestVersion: 1, versionInForce: null });
    const submitted = await gql(SUBMIT, { input: { projectId: project.id, expectedRevision: 1 } }, intern);
    expect(submitted.data.submitProjectScope).toMatchObject({ status: 'SUBMITTED', revision: 2 });
    // No primary mentor known yet: the event says so.
    const [submittedEvent] = await waitOurs(ofType(T.submitted, project.id));
    expect(dataOf(submittedEvent!)).toMatchObject({
      projectId: project.id,
      cohortId,
      internId,
      version: 1,
      primaryMentorId: null,
    });

    // Before the assignment the mentor is a stranger to this intern: the project does not exist for them.
    expect(code(await gql(APPROVE, { input: { projectId: project.id } }, mentor))).toBe('NOT_FOUND');
    expect((await gql(PROJECT, { id: project.id }, mentor)).data.project).toBeNull();

    await assign(cohortId, internId, mentorId, 'PRIMARY');
    const approved = await gql(APPROVE, { input: { projectId: project.id, expectedRevision: 2 } }, mentor);
    expect(approved.errors).toBeUndefined();
    expect(approved.data.approveProjectScope).toMatchObject({ status: 'APPROVED', versionInForce: 1, revision: 3 });

    const [event] = await waitOurs(ofType(T.approved, project.id));
    expect(event!.key).toBe(project.id);
    expect(dataOf(event!)).toEqual({
      projectId: project.id,
      cohortId,
      internId,
      version: 1,
      mentorId,
      approvedBy: { id: mentorId, role: 'MENTOR' },
      milestones: project.milestones.map((m: { id: string; title: string; dueWeek: number }) => ({
        milestoneId: m.id,
        title: m.title,
        dueWeek: m.dueWeek,
      })),
    });
    // Their mentee's calendar is theirs to see now, too.
    const calendar = await gql(
      `query ($id: ID!) { scopingCalendar(internId: $id) { scopeDueWeek } }`,
      { id: internId },
      mentor,
    );
    expect(calendar.data.scopingCalendar).toEqual({ scopeDueWeek: 2 });
    const read = await gql(PROJECT, { id: project.id }, mentor);
    expect(read.data.project.versions[0].history.map((h: any) => [h.action, h.actorId])).toEqual([
      ['DRAFTED', internId],
      ['SUBMITTED', internId],
      ['APPROVED', mentorId],
    ]);
  });

  it('lets only the primary mentor approve; a co-mentor and an unassigned primary cannot', async () => {
    const internId = `intern-roles-${run}`;
    const primaryId = `mentor-primary-${run}`;
    const coId = `mentor-co-${run}`;
    const cohortId = await cohortWith([internId]);
    const intern = await signTestToken({ sub: internId, roles: ['INTERN'] });
    const primary = await signTestToken({ sub: primaryId, roles: ['MENTOR'] });
    const co = await signTestToken({ sub: coId, roles: ['MENTOR'] });
    const primaryAssignment = await assign(cohortId, internId, primaryId, 'PRIMARY');
    await assign(cohortId, internId, coId, 'CO_MENTOR');
    const project = (await gql(DRAFT, { input: scope() }, intern)).data.draftProjectScope;
    await gql(SUBMIT, { input: { projectId: project.id } }, intern);

    const byCo = await gql(APPROVE, { input: { projectId: project.id } }, co);
    expect(code(byCo)).toBe('FORBIDDEN');
    expect(byCo.errors![0].message).toMatch(/primary mentor/);
    // The co-mentor sees the project (a mentor of the intern), just cannot decide on it.
    expect((await gql(PROJECT, { id: project.id }, co)).data.project.status).toBe('SUBMITTED');

    const unassigned = await publish('mentors', MentorUnassignedV1, primaryId, {
      assignmentId: primaryAssignment,
      cohortId,
      internId,
      mentorId: primaryId,
      role: 'PRIMARY',
      reason: 'rebalanced',
    });
    await eventually(async () => ((await consumed(unassigned.id)) ? true : undefined));
    expect(code(await gql(APPROVE, { input: { projectId: project.id } }, primary))).toBe('NOT_FOUND');
  });
});

describe('a program manager decides on a scope while the intern has no primary mentor (SPEC §7)', () => {
  it('sends back and approves without a primary, is FORBIDDEN once one is assigned', async () => {
    const internId = `intern-pm-${run}`;
    const primaryId = `mentor-pm-primary-${run}`;
    const pmId = `pm-${run}`;
    const cohortId = await cohortWith([internId]);
    const intern = await signTestToken({ sub: internId, roles: ['INTERN'] });
    const pm = await signTestToken({ sub: pmId, roles: ['PROGRAM_MANAGER'] });
    const project = (await gql(DRAFT, { input: scope() }, intern)).data.draftProjectScope;
    await gql(SUBMIT, { input: { projectId: project.id } }, intern);

    const REQUEST = `mutation ($input: RequestScopeChangesInput!) { requestScopeChanges(input: $input) { id status revision } }`;
    const sentBack = await gql(REQUEST, { input: { projectId: project.id, feedback: 'Name a baseline' } }, pm);
    expect(sentBack.errors).toBeUndefined();
    expect(sentBack.data.requestScopeChanges).toMatchObject({ status: 'CHANGES_REQUESTED', revision: 3 });
    const [requested] = await waitOurs(ofType(T.changesRequested, project.id));
    expect(dataOf(requested!)).toEqual({
      projectId: project.id,
      cohortId,
      internId,
      version: 1,
      mentorId: null,
      requestedBy: { id: pmId, role: 'PROGRAM_MANAGER' },
      feedback: 'Name a baseline',
    });

    await gql(SUBMIT, { input: { projectId: project.id } }, intern);
    const approved = await gql(APPROVE, { input: { projectId: project.id } }, pm);
    expect(approved.errors).toBeUndefined();
    expect(approved.data.approveProjectScope).toMatchObject({ status: 'APPROVED', versionInForce: 1 });
    const [event] = await waitOurs(ofType(T.approved, project.id));
    expect(dataOf(event!)).toMatchObject({ mentorId: null, approvedBy: { id: pmId, role: 'PROGRAM_MANAGER' } });

    // Version 2, submitted after a primary mentor was assigned: theirs alone to decide.
    await gql(DRAFT, { input: { ...scope(), title: 'Rescoped' } }, intern);
    await gql(SUBMIT, { input: { projectId: project.id } }, intern);
    await assign(cohortId, internId, primaryId, 'PRIMARY');
    const refused = await gql(APPROVE, { input: { projectId: project.id } }, pm);
    expect(code(refused)).toBe('FORBIDDEN');
    expect(refused.errors![0].message).toMatch(/the intern has a primary mentor \(mentor-pm-primary-/);
    expect((await gql(PROJECT, { id: project.id }, pm)).data.project.versions.map((v: any) => v.status)).toEqual([
      'APPROVED',
      'SUBMITTED',
    ]);
  });
});

describe('what the subgraph answers', () => {
  it('names the bad fields, refuses stale edits, and hides other interns’ projects', async () => {
    const internId = `intern-validation-${run}`;
    const otherId = `intern-other-${run}`;
    await cohortWith([internId, otherId]);
    const intern = await signTestToken({ sub: internId, roles: ['INTERN'] });
    const other = await signTestToken({ sub: otherId, roles: ['INTERN'] });

    const bad = await gql(
      DRAFT,
      {
        input: {
          ...scope([{ title: 'Final', dueWeek: 15 }]),
          objectives: [],
          successMetrics: [{ name: 'Quality', target: 'much better', unit: '' }],
        },
      },
      intern,
    );
    // The input's own faults are refused up front, before the program length is read.
    expect(code(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0].extensions.fields!.map((f: any) => f.field)).toEqual([
      'objectives',
      'successMetrics[0].target',
    ]);
    const tooLate = await gql(DRAFT, { input: scope([{ title: 'Final', dueWeek: 15 }]) }, intern);
    expect(code(tooLate)).toBe('BAD_USER_INPUT');
    expect(tooLate.errors![0].extensions.fields!.map((f: any) => f.field)).toEqual(['milestones[0].dueWeek']);
    expect(
      (await world.svc.dataSource.query(`SELECT count(*)::int AS n FROM projects WHERE intern_id = $1`, [internId]))[0]
        .n,
    ).toBe(0);

    const project = (await gql(DRAFT, { input: scope() }, intern)).data.draftProjectScope;
    const edited = await gql(DRAFT, { input: { ...scope(), title: 'Edited', expectedRevision: 1 } }, intern);
    expect(edited.data.draftProjectScope).toMatchObject({ id: project.id, revision: 2, latestVersion: 1 });
    expect((await gql(PROJECT, { id: project.id }, intern)).data.project.title).toBe('Edited');
    const stale = await gql(DRAFT, { input: { ...scope(), title: 'Stale', expectedRevision: 1 } }, intern);
    expect(code(stale)).toBe('CONFLICT');
    expect(stale.errors![0].message).toMatch(/stale revision/);
    // expectedRevision is optional (SPEC 7): a draft with only the SPEC's fields edits the latest.
    const noRevision = await gql(DRAFT, { input: { ...scope(), title: 'Without a revision' } }, intern);
    expect(noRevision.errors).toBeUndefined();
    expect(noRevision.data.draftProjectScope).toMatchObject({ id: project.id, revision: 3, latestVersion: 1 });
    expect((await gql(PROJECT, { id: project.id }, intern)).data.project.title).toBe('Without a revision');

    // Another intern: null for the query, NOT_FOUND for a mutation, as for an id that does not exist.
    expect((await gql(PROJECT, { id: project.id }, other)).data.project).toBeNull();
    expect((await gql(PROJECT, { id: randomUUID() }, other)).data.project).toBeNull();
    expect(code(await gql(SUBMIT, { input: { projectId: project.id } }, other))).toBe('NOT_FOUND');
    expect(code(await gql(SUBMIT, { input: { projectId: randomUUID() } }, other))).toBe('NOT_FOUND');
    // An intern approving their own scope: FORBIDDEN.
    await gql(SUBMIT, { input: { projectId: project.id } }, intern);
    expect(code(await gql(APPROVE, { input: { projectId: project.id } }, intern))).toBe('FORBIDDEN');

    // Intern.project through the federation entity lookup: the intern's own, never another's.
    const ENTITIES = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Intern { id project { id status } } } }`;
    const reps = [{ __typename: 'Intern', id: internId }];
    expect((await gql(ENTITIES, { reps }, intern)).data._entities).toEqual([
      { id: internId, project: { id: project.id, status: 'SUBMITTED' } },
    ]);
    expect((await gql(ENTITIES, { reps }, other)).data._entities).toEqual([{ id: internId, project: null }]);
    const projectRef = await gql(
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Project { id } } }`,
      { reps: [{ __typename: 'Project', id: project.id }] },
      other,
    );
    expect(projectRef.data._entities).toEqual([null]);
  });

  it('extends Intern with project in the federation SDL', async () => {
    const sdl = (await gql(`{ _service { sdl } }`, {})).data._service.sdl as string;
    const intern = /type Intern\s+@extends\s+@key\(fields: "id"\)\s*\{([^}]*)\}/.exec(sdl);
    expect(intern?.[1]).toMatch(/id: ID! @external/);
    expect(intern?.[1]).toMatch(/project: Project\b/);
    expect(sdl).toMatch(/type Project\s+@key\(fields: "id"\)/);
    expect(sdl).toContain('draftProjectScope(input: DraftProjectScopeInput!): Project!');
    expect(sdl).toContain('reviewMilestoneReport(input: ReviewMilestoneReportInput!): MilestoneReport!');
  });
});

// REVIEW is used in the end-to-end spec's flow as well; here it covers the reviewer rules.
describe('milestone report reviews', () => {
  it('lets any mentor of the intern review: revision requested, resubmitted, accepted', async () => {
    const internId = `intern-reviews-${run}`;
    const primaryId = `mentor-reviews-p-${run}`;
    const coId = `mentor-reviews-co-${run}`;
    const cohortId = await cohortWith([internId]);
    const intern = await signTestToken({ sub: internId, roles: ['INTERN'] });
    const primary = await signTestToken({ sub: primaryId, roles: ['MENTOR'] });
    const co = await signTestToken({ sub: coId, roles: ['MENTOR'] });
    const stranger = await signTestToken({ sub: `mentor-stranger-${run}`, roles: ['MENTOR'] });
    await assign(cohortId, internId, primaryId, 'PRIMARY');
    await assign(cohortId, internId, coId, 'CO_MENTOR');
    const project = (await gql(DRAFT, { input: scope() }, intern)).data.draftProjectScope;
    const milestoneId = project.milestones[0].id;
    // No reports before approval.
    expect(code(await gql(REPORT, { input: { milestoneId, summary: 'x' } }, intern))).toBe('CONFLICT');
    await gql(SUBMIT, { input: { projectId: project.id } }, intern);
    await gql(APPROVE, { input: { projectId: project.id } }, primary);

    const bad = await gql(
      REPORT,
      { input: { milestoneId, summary: 'x', metricResults: [{ name: 'Accuracy', value: 1 }], links: ['nope'] } },
      intern,
    );
    // The input's own faults are refused up front; the metric names are checked against the scope in force.
    expect(bad.errors![0].extensions.fields!.map((f: any) => f.field)).toEqual(['links[0]']);
    const unknownMetric = await gql(
      REPORT,
      { input: { milestoneId, summary: 'x', metricResults: [{ name: 'Accuracy', value: 1 }] } },
      intern,
    );
    expect(unknownMetric.errors![0].extensions.fields!.map((f: any) => f.field)).toEqual(['metricResults[0].name']);
    const first = (await gql(REPORT, { input: { milestoneId, summary: 'Baseline' } }, intern)).data
      .submitMilestoneReport;
    expect(first).toMatchObject({ attempt: 1, late: false, submittedWeek: 0 });
    expect(code(await gql(REPORT, { input: { milestoneId, summary: 'again' } }, intern))).toBe('CONFLICT');
    expect(code(await gql(REVIEW, { input: { reportId: first.id, decision: 'ACCEPTED' } }, stranger))).toBe(
      'NOT_FOUND',
    );
    const revise = await gql(
      REVIEW,
      { input: { reportId: first.id, decision: 'REVISION_REQUESTED', feedback: 'Add the error analysis' } },
      co,
    );
    expect(revise.data.reviewMilestoneReport).toMatchObject({ status: 'REVISION_REQUESTED', reviewedBy: coId });
    const second = (await gql(REPORT, { input: { milestoneId, summary: 'Baseline + errors' } }, intern)).data
      .submitMilestoneReport;
    expect(second.attempt).toBe(2);
    const accepted = await gql(REVIEW, { input: { reportId: second.id, decision: 'ACCEPTED' } }, primary);
    expect(accepted.data.reviewMilestoneReport.status).toBe('ACCEPTED');
    const events = await waitOurs(ofType(T.reportReviewed, project.id), 2);
    expect(events.map((e) => dataOf(e).decision)).toEqual(['REVISION_REQUESTED', 'ACCEPTED']);
    const view = (await gql(PROJECT, { id: project.id }, primary)).data.project;
    expect(view.milestones[0]).toMatchObject({
      status: 'ACCEPTED',
      reports: [
        { attempt: 1, status: 'REVISION_REQUESTED' },
        { attempt: 2, status: 'ACCEPTED' },
      ],
    });
  });
});
