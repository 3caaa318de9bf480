import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CohortScheduledV1,
  CohortWeekStartedV1,
  eventsTopic,
  InternEnrolledV1,
  InternshipExtendedV1,
  MentorAssignedV1,
  MentorUnassignedV1,
  type Context,
  type EventContract,
  type EventData,
} from '#contracts';
import { encodeCloudEvent, newCloudEvent, type CloudEvent } from '#messaging';
import { loadConfig } from '#platform';
import {
  KafkaProbe,
  ofType,
  signTestToken,
  startGroupAtEnd,
  TEST_BROKERS,
  testKafka,
  testLogger,
  throwawayDatabase,
  type ProbedMessage,
  type ThrowawayDatabase,
} from '#testing';
import { AppModule } from '../app.module.js';
import { scopingConfigSchema } from '../config.js';

// The real scoping AppModule on a throwaway database with a consumer group of its own, fed by
// CloudEvents published straight to the cohorts and mentors topics; what it publishes is watched
// on mentorflow.scoping.events. The group starts at the topics' current ends, so the run sees
// only its own events (and never re-announces deadlines of earlier runs' interns).
const run = randomBytes(4).toString('hex');
const GROUP_ID = `test-scoping-projects-${run}`;
const SCOPING_TOPIC = eventsTopic('scoping');
const T = {
  approved: 'mentorflow.scoping.ProjectScopeApproved.v1',
  submitted: 'mentorflow.scoping.ProjectScopeSubmitted.v1',
  scopeOverdue: 'mentorflow.scoping.ProjectScopeOverdue.v1',
  milestoneOverdue: 'mentorflow.scoping.MilestoneOverdue.v1',
  reportSubmitted: 'mentorflow.scoping.MilestoneReportSubmitted.v1',
  reportReviewed: 'mentorflow.scoping.MilestoneReportReviewed.v1',
};

let db: ThrowawayDatabase;
let app: NestFastifyApplication;
let dataSource: DataSource;
let producer: Producer;
let probe: KafkaProbe;

async function publish<T>(
  context: Context,
  contract: EventContract<T>,
  key: string,
  data: T,
  id?: string,
): Promise<CloudEvent<T>> {
  const event = newCloudEvent({ type: contract.type, source: `/mentorflow/${context}`, subject: key, data });
  const sent = id ? { ...event, id } : event;
  await producer.send({ topic: eventsTopic(context), acks: -1, messages: [encodeCloudEvent(sent, key)] });
  return sent;
}

async function eventually<T>(
  probeFn: () => Promise<T | undefined>,
  timeoutMs = 30_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probeFn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} not met in time`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

async function consumed(eventId: string): Promise<boolean> {
  const rows = (await dataSource.query(`SELECT 1 FROM inbox WHERE event_id = $1`, [eventId])) as unknown[];
  return rows.length > 0;
}

async function gql(
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<{ data?: any; errors?: any[] }> {
  const res = await app.inject({
    method: 'POST',
    url: '/graphql',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    payload: JSON.stringify({ query, variables }),
  });
  return res.json();
}

const code = (r: { errors?: any[] }): string | undefined => r.errors?.[0]?.extensions?.code;
const dataOf = (m: ProbedMessage): any => m.json;
/**
 * The events this service instance published, once each: the probe may read a record twice after
 * a rebalance of its own group, and other instances of scoping (an end-to-end system running on
 * the same broker consumes these cohorts events too) publish to the same topic.
 */
async function ours(messages: ProbedMessage[]): Promise<ProbedMessage[]> {
  const ids = new Set(
    ((await dataSource.query(`SELECT event_id::text AS id FROM outbox`)) as { id: string }[]).map((r) => r.id),
  );
  return [...new Map(messages.filter((m) => ids.has(m.headers.ce_id!)).map((m) => [m.headers.ce_id, m])).values()];
}

/** Waits until `count` of this instance's events match. */
async function waitOurs(predicate: (m: ProbedMessage) => boolean, count = 1): Promise<ProbedMessage[]> {
  return eventually(
    async () => {
      const found = await ours(probe.messages.filter(predicate));
      return found.length >= count ? found : undefined;
    },
    20_000,
    `${count} event(s) of this instance`,
  );
}

/** This instance's matching events seen within `ms`. */
async function oursWithin(predicate: (m: ProbedMessage) => boolean, ms: number): Promise<ProbedMessage[]> {
  return ours(await probe.collectFor(predicate, ms));
}

const DRAFT = `mutation ($input: DraftProjectScopeInput!) {
  draftProjectScope(input: $input) { id revision status latestVersion versionInForce
    milestones { id title dueWeek plannedDueWeek } } }`;
const SUBMIT = `mutation ($input: SubmitProjectScopeInput!) { submitProjectScope(input: $input) { id revision status } }`;
const APPROVE = `mutation ($input: ApproveProjectScopeInput!) { approveProjectScope(input: $input) { id revision status versionInForce } }`;
const REPORT = `mutation ($input: SubmitMilestoneReportInput!) {
  submitMilestoneReport(input: $input) { id attempt status late dueWeek submittedWeek metricResults { name value meetsTarget } } }`;
const REVIEW = `mutation ($input: ReviewMilestoneReportInput!) { reviewMilestoneReport(input: $input) { id status feedback reviewedBy } }`;
const PROJECT = `query ($id: ID!) { project(id: $id) { id title status revision versionInForce scopeDueWeek scopeOverdue programWeek programWeeks
  milestones { id dueWeek status overdue reports { id attempt status late } }
  versions { version status history { action actorId } } } }`;

function scope(
  milestones: { title: string; dueWeek: number }[] = [
    { title: 'Baseline', dueWeek: 4 },
    { title: 'Model', dueWeek: 8 },
  ],
) {
  return {
    title: 'Session-aware recommendations',
    problemStatement: 'Recommendations ignore the session.',
    objectives: ['Model the session'],
    successMetrics: [
      { name: 'RMSE', target: '≤ 0.85', unit: 'rating points' },
      { name: 'CTR uplift', target: '≥ 2%', unit: '%' },
    ],
    deliverables: ['Model'],
    milestones: milestones.map((m) => ({ ...m, acceptanceCriteria: ['Reviewed by the mentor'] })),
  };
}

/** A cohort of this run, with interns enrolled; waits until scoping has projected them. */
async function cohortWith(internIds: string[], weeks = 12): Promise<string> {
  const cohortId = `cohort-${randomUUID()}`;
  const scheduled: EventData<typeof CohortScheduledV1> = {
    cohortId,
    name: `Cohort ${cohortId}`,
    startDate: '2027-06-07',
    weeks,
    timezone: 'Europe/Berlin',
    location: 'Berlin',
    workMode: 'HYBRID',
    capacity: 20,
    scheduledBy: 'pm-1',
  };
  await publish('cohorts', CohortScheduledV1, cohortId, scheduled);
  for (const internId of internIds) {
    await publish('cohorts', InternEnrolledV1, cohortId, {
      enrollmentId: `enr-${internId}`,
      cohortId,
      internId,
      name: internId,
      email: `${internId}@example.com`,
      university: 'TU Berlin',
      degreeLevel: 'MASTERS',
      focusAreas: ['recsys'],
      timezone: 'Europe/Berlin',
    });
  }
  await eventually(
    async () => {
      const rows = (await dataSource.query(`SELECT count(*)::int AS n FROM interns WHERE cohort_id = $1`, [
        cohortId,
      ])) as {
        n: number;
      }[];
      return rows[0]!.n === internIds.length ? true : undefined;
    },
    30_000,
    'interns projected',
  );
  return cohortId;
}

function weekStarted(cohortId: string, week: number): EventData<typeof CohortWeekStartedV1> {
  return {
    cohortId,
    week,
    startsOn: '2027-06-07',
    endsOn: '2027-06-13',
    phase: week <= 2 ? 'SCOPING' : 'BUILD',
    weeks: 12,
  };
}

async function assign(
  cohortId: string,
  internId: string,
  mentorId: string,
  role: 'PRIMARY' | 'CO_MENTOR',
): Promise<string> {
  const assignmentId = randomUUID();
  const event = await publish('mentors', MentorAssignedV1, mentorId, {
    assignmentId,
    cohortId,
    internId,
    mentorId,
    role,
    assignedAt: new Date().toISOString(),
  });
  await eventually(async () => ((await consumed(event.id)) ? true : undefined), 30_000, 'assignment projected');
  return assignmentId;
}

/** Moves the cohort's clock: publishes CohortWeekStarted for `week` and waits until it was handled. */
async function startWeek(cohortId: string, week: number): Promise<CloudEvent<EventData<typeof CohortWeekStartedV1>>> {
  const event = await publish('cohorts', CohortWeekStartedV1, cohortId, weekStarted(cohortId, week));
  await eventually(async () => ((await consumed(event.id)) ? true : undefined), 30_000, `week ${week} handled`);
  return event;
}

beforeAll(async () => {
  db = await throwawayDatabase('scoping_projects');
  // Start the service's consumer group at the current ends of the topics it reads.
  await startGroupAtEnd(GROUP_ID, [eventsTopic('cohorts'), eventsTopic('mentors')]);
  probe = await KafkaProbe.start([SCOPING_TOPIC]);
  const config = loadConfig(scopingConfigSchema, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: db.serverUrl,
    DATABASE_NAME: db.name,
    KAFKA_BROKERS: TEST_BROKERS.join(','),
    KAFKA_GROUP_ID: GROUP_ID,
    ...(process.env.AUTH_JWT_SECRET ? { AUTH_JWT_SECRET: process.env.AUTH_JWT_SECRET } : {}),
  });
  app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, testLogger()),
    new FastifyAdapter(),
    {
      logger: false,
    },
  );
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  dataSource = app.get(DataSource);
  producer = testKafka('scoping-projects-test').producer();
  await producer.connect();
});

afterAll(async () => {
  await probe?.stop();
  await producer?.disconnect();
  await app?.close();
  const admin = testKafka('scoping-projects-admin').admin();
  await admin.connect();
  await admin.deleteGroups([GROUP_ID]).catch(() => undefined);
  await admin.disconnect();
  await db?.drop();
});

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

describe('deadlines from the cohort’s clock', () => {
  it('announces an overdue scope once, however often CohortWeekStarted arrives', async () => {
    const lateId = `intern-overdue-${run}`;
    const onTimeId = `intern-on-time-${run}`;
    const silentId = `intern-silent-${run}`;
    const mentorId = `mentor-deadlines-${run}`;
    const cohortId = await cohortWith([lateId, onTimeId, silentId]);
    const late = await signTestToken({ sub: lateId, roles: ['INTERN'] });
    const onTime = await signTestToken({ sub: onTimeId, roles: ['INTERN'] });
    const mentor = await signTestToken({ sub: mentorId, roles: ['MENTOR'] });
    await assign(cohortId, onTimeId, mentorId, 'PRIMARY');

    // One intern drafts but is never approved, one is approved in time, one never drafts.
    const lateProject = (await gql(DRAFT, { input: scope() }, late)).data.draftProjectScope;
    const onTimeProject = (await gql(DRAFT, { input: scope() }, onTime)).data.draftProjectScope;
    await gql(SUBMIT, { input: { projectId: onTimeProject.id } }, onTime);
    expect((await gql(APPROVE, { input: { projectId: onTimeProject.id } }, mentor)).errors).toBeUndefined();

    await startWeek(cohortId, 1);
    await startWeek(cohortId, 2);
    expect(await oursWithin((m) => ofType(T.scopeOverdue)(m) && dataOf(m).cohortId === cohortId, 300)).toEqual([]);
    const week3 = await startWeek(cohortId, 3);
    const overdue = await waitOurs((m) => ofType(T.scopeOverdue)(m) && dataOf(m).cohortId === cohortId, 2);
    expect(overdue.map(dataOf).sort((a, b) => a.internId.localeCompare(b.internId))).toEqual([
      { cohortId, internId: lateId, projectId: lateProject.id, dueWeek: 2 },
      { cohortId, internId: silentId, projectId: null, dueWeek: 2 },
    ]);
    expect(overdue.find((m) => dataOf(m).internId === silentId)!.key).toBe(silentId);
    expect((await gql(PROJECT, { id: lateProject.id }, late)).data.project).toMatchObject({
      scopeOverdue: true,
      programWeek: 3,
      scopeDueWeek: 2,
    });

    // The same event again (a redelivery: the inbox stops it), the same week announced again under a
    // new id (the notice keys stop it), and the next week (already announced deadlines stay announced).
    await producer.send({ topic: eventsTopic('cohorts'), acks: -1, messages: [encodeCloudEvent(week3, cohortId)] });
    await startWeek(cohortId, 3);
    await startWeek(cohortId, 4);
    const inbox = (await dataSource.query(`SELECT count(*)::int AS n FROM inbox WHERE event_id = $1`, [week3.id])) as {
      n: number;
    }[];
    expect(inbox[0]!.n).toBe(1);
    const all = await oursWithin((m) => ofType(T.scopeOverdue)(m) && dataOf(m).cohortId === cohortId, 1000);
    expect(all).toHaveLength(2);
    // And the outbox holds exactly those two: nothing was written twice.
    const written = (await dataSource.query(
      `SELECT count(*)::int AS n FROM outbox WHERE event_type = $1 AND envelope->'data'->>'cohortId' = $2`,
      [T.scopeOverdue, cohortId],
    )) as { n: number }[];
    expect(written[0]!.n).toBe(2);
  });

  it('announces an overdue milestone once, flags a late report, and moves both deadlines with an extension', async () => {
    const internId = `intern-milestones-${run}`;
    const extendedId = `intern-extended-${run}`;
    const mentorId = `mentor-milestones-${run}`;
    const cohortId = await cohortWith([internId, extendedId]);
    const intern = await signTestToken({ sub: internId, roles: ['INTERN'] });
    const extended = await signTestToken({ sub: extendedId, roles: ['INTERN'] });
    const mentor = await signTestToken({ sub: mentorId, roles: ['MENTOR'] });
    await assign(cohortId, internId, mentorId, 'PRIMARY');
    await assign(cohortId, extendedId, mentorId, 'PRIMARY');
    const approve = async (token: string) => {
      const p = (
        await gql(
          DRAFT,
          {
            input: scope([
              { title: 'Baseline', dueWeek: 4 },
              { title: 'Model', dueWeek: 8 },
            ]),
          },
          token,
        )
      ).data.draftProjectScope;
      await gql(SUBMIT, { input: { projectId: p.id } }, token);
      const approved = await gql(APPROVE, { input: { projectId: p.id } }, mentor);
      expect(approved.errors).toBeUndefined();
      return p as { id: string; milestones: { id: string }[] };
    };
    const project = await approve(intern);
    const extendedProject = await approve(extended);

    // The second intern is extended by 2 weeks inserted after week 3: milestone week 4 → 6, 8 → 10.
    const extension = await publish('cohorts', InternshipExtendedV1, cohortId, {
      enrollmentId: `enr-${extendedId}`,
      cohortId,
      internId: extendedId,
      weeks: 2,
      totalExtensionWeeks: 2,
      programWeeks: 14,
      newEndDate: '2027-09-12',
      reason: 'illness',
      source: 'PROGRAM_MANAGER',
      extendedAfterWeek: 3,
    });
    await eventually(async () => ((await consumed(extension.id)) ? true : undefined));
    const extendedView = (await gql(PROJECT, { id: extendedProject.id }, extended)).data.project;
    expect(extendedView.programWeeks).toBe(14);
    expect(extendedView.milestones.map((m: any) => m.dueWeek)).toEqual([6, 10]);

    for (const week of [1, 2, 3, 4, 5]) await startWeek(cohortId, week);
    const [milestoneOverdue] = await waitOurs((m) => ofType(T.milestoneOverdue)(m) && dataOf(m).cohortId === cohortId);
    expect(dataOf(milestoneOverdue!)).toEqual({
      milestoneId: project.milestones[0]!.id,
      projectId: project.id,
      cohortId,
      internId,
      dueWeek: 4,
    });
    const view = (await gql(PROJECT, { id: project.id }, intern)).data.project;
    expect(view.milestones[0]).toMatchObject({ status: 'OPEN', overdue: true });

    // A report now is late; a revision request and a resubmission later, the mentor accepts it.
    const report = await gql(
      REPORT,
      {
        input: {
          milestoneId: project.milestones[0]!.id,
          summary: 'Baseline trained',
          metricResults: [{ name: 'RMSE', value: 0.9 }],
          links: ['https://example.com/pr/1'],
        },
      },
      intern,
    );
    expect(report.errors).toBeUndefined();
    expect(report.data.submitMilestoneReport).toMatchObject({
      attempt: 1,
      status: 'SUBMITTED',
      late: true,
      dueWeek: 4,
      submittedWeek: 5,
      metricResults: [{ name: 'RMSE', value: 0.9, meetsTarget: false }],
    });
    const [submittedEvent] = await waitOurs(ofType(T.reportSubmitted, project.id));
    expect(dataOf(submittedEvent!)).toMatchObject({ late: true, dueWeek: 4, milestoneId: project.milestones[0]!.id });

    // The extended intern's first milestone is not due until the end of week 6.
    expect(await oursWithin((m) => ofType(T.milestoneOverdue)(m) && dataOf(m).internId === extendedId, 300)).toEqual(
      [],
    );
    await startWeek(cohortId, 7);
    const [extendedOverdue] = await waitOurs((m) => ofType(T.milestoneOverdue)(m) && dataOf(m).internId === extendedId);
    expect(dataOf(extendedOverdue!)).toMatchObject({ milestoneId: extendedProject.milestones[0]!.id, dueWeek: 6 });
    // And the first intern's milestone was announced once, whatever came since.
    expect(await oursWithin((m) => ofType(T.milestoneOverdue)(m) && dataOf(m).internId === internId, 500)).toHaveLength(
      1,
    );
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
    expect(bad.errors![0].extensions.fields.map((f: any) => f.field)).toEqual([
      'objectives',
      'successMetrics[0].target',
    ]);
    const tooLate = await gql(DRAFT, { input: scope([{ title: 'Final', dueWeek: 15 }]) }, intern);
    expect(code(tooLate)).toBe('BAD_USER_INPUT');
    expect(tooLate.errors![0].extensions.fields.map((f: any) => f.field)).toEqual(['milestones[0].dueWeek']);
    expect(
      (await dataSource.query(`SELECT count(*)::int AS n FROM projects WHERE intern_id = $1`, [internId]))[0].n,
    ).toBe(0);

    const project = (await gql(DRAFT, { input: scope() }, intern)).data.draftProjectScope;
    const edited = await gql(DRAFT, { input: { ...scope(), title: 'Edited', expectedRevision: 1 } }, intern);
    expect(edited.data.draftProjectScope).toMatchObject({ id: project.id, revision: 2, latestVersion: 1 });
    expect((await gql(PROJECT, { id: project.id }, intern)).data.project.title).toBe('Edited');
    const stale = await gql(DRAFT, { input: { ...scope(), title: 'Stale', expectedRevision: 1 } }, intern);
    expect(code(stale)).toBe('CONFLICT');
    expect(stale.errors![0].message).toMatch(/stale revision/);
    const noRevision = await gql(DRAFT, { input: scope() }, intern);
    expect(code(noRevision)).toBe('BAD_USER_INPUT');

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
    expect(bad.errors![0].extensions.fields.map((f: any) => f.field)).toEqual(['links[0]']);
    const unknownMetric = await gql(
      REPORT,
      { input: { milestoneId, summary: 'x', metricResults: [{ name: 'Accuracy', value: 1 }] } },
      intern,
    );
    expect(unknownMetric.errors![0].extensions.fields.map((f: any) => f.field)).toEqual(['metricResults[0].name']);
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
