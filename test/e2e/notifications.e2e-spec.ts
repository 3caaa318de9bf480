import { randomUUID } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { inject } from './support/system.js';
import WebSocket from 'ws';
import { InternEnrolledV1, MentorAssignedV1, MilestoneReportSubmittedV1, type EventContract } from '#contracts';
import { expectLabelled } from '#testing';
import { EventPublisher } from './support/events.js';
import { codes, eventually, gql, signIn, type GraphQLResponse } from './support/client.js';
import { aCohort, aMentor, anIntern } from './support/factories.js';

// Notifications end to end: events on Kafka → the gateway's consumer → a row per recipient →
// Postgres NOTIFY → the subscriber's websocket on the gateway. First through the real
// operations (assignMentor in mentors, the scope and the report in scoping); then, for the cases
// the services cannot produce on demand, with the events published straight to Kafka as the
// services would (same contracts, same CloudEvents encoding).

const NOTIFICATIONS = `query ($unreadOnly: Boolean, $first: Int, $after: String) {
  notifications(unreadOnly: $unreadOnly, first: $first, after: $after) {
    totalCount unreadCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id type title body internId subjectId cohortId eventType read readAt cursor } } } }`;
const MARK = `mutation ($input: MarkNotificationsReadInput!) {
  markNotificationsRead(input: $input) { markedCount unreadCount notifications { id read readAt } } }`;
const SUBSCRIBE = `subscription ($after: String) { notifications(after: $after) { id type title internId subjectId cursor read } }`;

let events: EventPublisher;
const clients: Client[] = [];

async function publish<T>(contract: EventContract<T>, subject: string, data: T): Promise<void> {
  await events.publish(contract, subject, data);
}

function wsUrl(): string {
  return inject('gatewayUrl').replace(/^http/, 'ws');
}

function connect(token?: string, connectionParams?: Record<string, unknown>): Client {
  const client = createClient({
    url: wsUrl(),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams: connectionParams ?? (token ? { authorization: `Bearer ${token}` } : {}),
  });
  clients.push(client);
  return client;
}

/** Collects what a subscription delivers, in the background. */
function collect<T = any>(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const received: T[] = [];
  const errors: unknown[] = [];
  let done = false;
  const iterator = client.iterate<T>({ query, variables });
  const loop = (async () => {
    try {
      for await (const result of iterator) {
        if (result.errors) errors.push(...result.errors);
        if (result.data) received.push(result.data);
      }
    } catch (err) {
      errors.push(err);
    } finally {
      done = true;
    }
  })();
  return {
    received,
    errors,
    get done() {
      return done;
    },
    stop: async () => {
      await iterator.return?.();
      await loop;
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  events = await EventPublisher.start('mentorflow-e2e-notifications');
});

afterAll(async () => {
  for (const c of clients) await c.dispose();
  await events?.stop();
});

function ok<T = any>(response: GraphQLResponse<T>, what: string): T {
  expectLabelled(response.errors, `${what}: ${JSON.stringify(response.errors)}`).toBeUndefined();
  return response.data as T;
}

describe('notifications from the real operations', () => {
  it('tells the primary mentor of a scope to approve and a report to review, live; another mentor hears nothing', async () => {
    const pm = await signIn(`pm-${randomUUID().slice(0, 8)}`, 'PROGRAM_MANAGER');
    const cohort = ok(
      await gql(
        `mutation ($input: ScheduleCohortInput!) { scheduleCohort(input: $input) { id } }`,
        { input: aCohort() },
        { token: pm },
      ),
      'scheduleCohort',
    ).scheduleCohort;
    const internInput = anIntern(cohort.id, { name: 'Carla Ruiz' });
    const internId = internInput.internId as string;
    ok(
      await gql(
        `mutation ($input: EnrollInternInput!) { enrollIntern(input: $input) { id } }`,
        { input: internInput },
        { token: pm },
      ),
      'enroll',
    );
    const [mentorInput, otherInput] = [aMentor(), aMentor()];
    for (const input of [mentorInput, otherInput]) {
      ok(
        await gql(
          `mutation ($input: RegisterMentorInput!) { registerMentor(input: $input) { id } }`,
          { input },
          { token: pm },
        ),
        'register',
      );
    }
    await eventually(
      async () => {
        const r = await gql(
          `mutation ($input: AssignMentorInput!) { assignMentor(input: $input) { id } }`,
          { input: { internId, mentorId: mentorInput.mentorId, role: 'PRIMARY' } },
          { token: pm },
        );
        return r.errors ? undefined : true;
      },
      { timeoutMs: 30_000, what: 'assignMentor' },
    );
    const intern = await signIn(internId, 'INTERN');
    const mentor = await signIn(mentorInput.mentorId as string, 'MENTOR');
    const other = await signIn(otherInput.mentorId as string, 'MENTOR');
    // The gateway knows the assignment once the mentor's MENTOR_ASSIGNED is stored.
    await eventually(
      async () => {
        const r = await gql(NOTIFICATIONS, {}, { token: mentor });
        return r.data?.notifications.edges.some((e: any) => e.node.type === 'MENTOR_ASSIGNED') ? true : undefined;
      },
      { timeoutMs: 30_000, what: 'the assignment notification' },
    );

    const mentorFeed = collect(connect(mentor), SUBSCRIBE);
    const otherFeed = collect(connect(other), SUBSCRIBE);
    const internFeed = collect(connect(intern), SUBSCRIBE);
    await sleep(500);

    const scope = {
      title: 'Session-aware recommendations',
      problemStatement: 'Recommendations ignore the current session.',
      objectives: ['Model the session'],
      successMetrics: [{ name: 'RMSE', target: '≤ 0.85', unit: 'rating points' }],
      deliverables: ['Model in production'],
      milestones: [{ title: 'Baseline', dueWeek: 4, acceptanceCriteria: ['Baseline RMSE measured'] }],
    };
    const drafted = await eventually(
      async () => {
        const r = await gql(
          `mutation ($input: DraftProjectScopeInput!) { draftProjectScope(input: $input) { id } }`,
          { input: scope },
          { token: intern },
        );
        return codes(r).includes('NOT_FOUND') ? undefined : ok(r, 'draft').draftProjectScope;
      },
      { timeoutMs: 30_000, what: 'scoping to know the enrollment' },
    );
    ok(
      await gql(
        `mutation ($input: SubmitProjectScopeInput!) { submitProjectScope(input: $input) { id } }`,
        { input: { projectId: drafted.id } },
        { token: intern },
      ),
      'submit',
    );

    const byType = (feed: { received: any[] }, type: string): any[] =>
      feed.received.filter((d: any) => d.notifications.type === type);
    const [toApprove] = await eventually(
      async () => {
        const found = byType(mentorFeed, 'SCOPE_TO_APPROVE');
        return found.length ? found : undefined;
      },
      { timeoutMs: 30_000, what: 'SCOPE_TO_APPROVE' },
    );
    expect(toApprove.notifications).toMatchObject({
      subjectId: drafted.id,
      internId,
      title: expect.stringContaining('Carla Ruiz'),
    });

    const approved = await eventually(
      async () => {
        const r = await gql(
          `mutation ($input: ApproveProjectScopeInput!) { approveProjectScope(input: $input) { milestones { id } } }`,
          { input: { projectId: drafted.id } },
          { token: mentor },
        );
        return codes(r).includes('NOT_FOUND') ? undefined : ok(r, 'approve').approveProjectScope;
      },
      { timeoutMs: 30_000, what: 'scoping to know the assignment' },
    );
    await eventually(async () => (byType(internFeed, 'SCOPE_APPROVED').length ? true : undefined), {
      timeoutMs: 30_000,
      what: 'SCOPE_APPROVED',
    });

    const report = ok(
      await gql(
        `mutation ($input: SubmitMilestoneReportInput!) { submitMilestoneReport(input: $input) { id } }`,
        {
          input: {
            milestoneId: approved.milestones[0].id,
            summary: 'Baseline trained',
            metricResults: [{ name: 'RMSE', value: 0.88 }],
            links: [],
            blockers: [],
            nextSteps: [],
          },
        },
        { token: intern },
      ),
      'report',
    ).submitMilestoneReport;
    const [toReview] = await eventually(
      async () => {
        const found = byType(mentorFeed, 'REPORT_TO_REVIEW');
        return found.length ? found : undefined;
      },
      { timeoutMs: 30_000, what: 'REPORT_TO_REVIEW' },
    );
    expect(toReview.notifications).toMatchObject({ subjectId: report.id, internId, read: false });

    await sleep(1_500);
    expect(otherFeed.received).toEqual([]);
    expect([...mentorFeed.errors, ...otherFeed.errors, ...internFeed.errors]).toEqual([]);
    await Promise.all([mentorFeed.stop(), otherFeed.stop(), internFeed.stop()]);
  });
});

describe('notifications through the gateway', () => {
  const cohortId = `cohort-${randomUUID().slice(0, 8)}`;
  const internA = `intern-${randomUUID().slice(0, 8)}`;
  const internB = `intern-${randomUUID().slice(0, 8)}`;
  const mentorA = `mentor-${randomUUID().slice(0, 8)}`;
  const mentorB = `mentor-${randomUUID().slice(0, 8)}`;
  let tokenA: string;
  let tokenB: string;
  let internToken: string;

  beforeAll(async () => {
    tokenA = await signIn(mentorA, 'MENTOR');
    tokenB = await signIn(mentorB, 'MENTOR');
    internToken = await signIn(internA, 'INTERN');
    for (const [internId, name] of [
      [internA, 'Amara Okafor'],
      [internB, 'Bo Chen'],
    ] as const) {
      await publish(InternEnrolledV1, internId, {
        enrollmentId: randomUUID(),
        cohortId,
        internId,
        name,
        email: `${internId}@example.edu`,
        university: 'TU Berlin',
        degreeLevel: 'MASTERS',
        focusAreas: ['nlp'],
        timezone: 'Europe/Berlin',
      });
    }
    const assigned = new Date().toISOString();
    await publish(MentorAssignedV1, internA, {
      assignmentId: randomUUID(),
      cohortId,
      internId: internA,
      mentorId: mentorA,
      role: 'PRIMARY',
      assignedAt: assigned,
    });
    await publish(MentorAssignedV1, internB, {
      assignmentId: randomUUID(),
      cohortId,
      internId: internB,
      mentorId: mentorB,
      role: 'PRIMARY',
      assignedAt: assigned,
    });
    // Both assignments are projected (each mentor got its MENTOR_ASSIGNED) before anyone subscribes.
    for (const token of [tokenA, tokenB]) {
      await eventually(
        async () => {
          const r = await gql(NOTIFICATIONS, { unreadOnly: true }, { token });
          return r.data?.notifications.edges.some((e: any) => e.node.type === 'MENTOR_ASSIGNED') ? true : undefined;
        },
        { timeoutMs: 30_000, what: 'the assignment notifications' },
      );
    }
  });

  it('delivers a report to review to the intern’s mentor, live, and not to another mentor', async () => {
    const a = collect(connect(tokenA), SUBSCRIBE);
    const b = collect(connect(tokenB), SUBSCRIBE);
    await sleep(500); // both subscriptions are running on the gateway

    const reportId = `report-${randomUUID().slice(0, 8)}`;
    await publish(MilestoneReportSubmittedV1, reportId, {
      reportId,
      milestoneId: `milestone-${randomUUID().slice(0, 8)}`,
      projectId: `project-${randomUUID().slice(0, 8)}`,
      cohortId,
      internId: internA,
      dueWeek: 4,
      late: false,
      submittedAt: new Date().toISOString(),
    });

    const [delivered] = await eventually(async () => (a.received.length ? a.received : undefined), {
      timeoutMs: 30_000,
      what: 'mentor A’s notification',
    });
    expect(delivered.notifications).toMatchObject({
      type: 'REPORT_TO_REVIEW',
      internId: internA,
      subjectId: reportId,
      read: false,
      title: expect.stringContaining('Amara Okafor'),
    });
    await sleep(2_000);
    expect(b.received).toEqual([]);
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);

    // Stored too: the query has it, unread, and mentor B's feed does not.
    const feed = await gql(NOTIFICATIONS, { unreadOnly: true }, { token: tokenA });
    expect(feed.data.notifications.edges.map((e: any) => e.node.id)).toContain(delivered.notifications.id);
    const other = await gql(NOTIFICATIONS, {}, { token: tokenB });
    expect(other.data.notifications.edges.map((e: any) => e.node.type)).not.toContain('REPORT_TO_REVIEW');

    await a.stop();
    await b.stop();
  });

  it('lets a reconnecting client catch up with `after`, then continues live', async () => {
    const feed = await gql(NOTIFICATIONS, { first: 100 }, { token: tokenA });
    const oldest = feed.data.notifications.edges.at(-1).node;
    const newer = feed.data.notifications.edges
      .slice(0, -1)
      .map((e: any) => e.node.id)
      .reverse();

    const resumed = collect(connect(tokenA), SUBSCRIBE, { after: oldest.cursor });
    const caughtUp = await eventually(
      async () => (resumed.received.length >= newer.length ? resumed.received : undefined),
      { timeoutMs: 10_000, what: 'the catch-up' },
    );
    expect(caughtUp.map((d: any) => d.notifications.id)).toEqual(newer);
    await resumed.stop();
  });

  it('pages the feed, marks notifications read by id and all at once', async () => {
    const page = await gql(NOTIFICATIONS, { first: 1 }, { token: tokenA });
    expect(page.errors).toBeUndefined();
    const total = page.data.notifications.totalCount;
    expect(total).toBeGreaterThanOrEqual(2);
    expect(page.data.notifications.edges).toHaveLength(1);
    expect(page.data.notifications.pageInfo.hasNextPage).toBe(true);
    const next = await gql(
      NOTIFICATIONS,
      { first: 1, after: page.data.notifications.pageInfo.endCursor },
      { token: tokenA },
    );
    expect(next.data.notifications.edges[0].node.id).not.toBe(page.data.notifications.edges[0].node.id);

    const first = page.data.notifications.edges[0].node;
    const marked = await gql(MARK, { input: { ids: [first.id] } }, { token: tokenA });
    expect(marked.errors).toBeUndefined();
    expect(marked.data.markNotificationsRead).toMatchObject({
      markedCount: 1,
      unreadCount: total - 1,
      notifications: [{ id: first.id, read: true, readAt: expect.any(String) }],
    });
    const unread = await gql(NOTIFICATIONS, { unreadOnly: true }, { token: tokenA });
    expect(unread.data.notifications.edges.map((e: any) => e.node.id)).not.toContain(first.id);

    // Someone else's notification (or one that does not exist) is NOT_FOUND, and nothing changes.
    const foreign = await gql(MARK, { input: { ids: [first.id] } }, { token: tokenB });
    expect(codes(foreign)).toEqual(['NOT_FOUND']);
    const neither = await gql(MARK, { input: {} }, { token: tokenA });
    expect(codes(neither)).toEqual(['BAD_USER_INPUT']);
    expect(neither.errors![0]!.extensions!.fields![0]!.field).toBe('ids');

    const all = await gql(MARK, { input: { all: true } }, { token: tokenA });
    expect(all.data.markNotificationsRead).toMatchObject({ markedCount: total - 1, unreadCount: 0, notifications: [] });
    const none = await gql(NOTIFICATIONS, { unreadOnly: true }, { token: tokenA });
    expect(none.data.notifications).toMatchObject({ totalCount: 0, unreadCount: 0, edges: [] });
  });

  it('streams a cohort’s activity to program managers only', async () => {
    const pm = await signIn(`pm-${randomUUID().slice(0, 8)}`, 'PROGRAM_MANAGER');
    const activity = collect(
      connect(pm),
      `subscription ($id: ID!) { cohortActivity(cohortId: $id) { type name cohortId subject internId summary occurredAt } }`,
      { id: cohortId },
    );
    const refused = collect(
      connect(internToken),
      `subscription ($id: ID!) { cohortActivity(cohortId: $id) { type } }`,
      { id: cohortId },
    );
    await sleep(500);
    const reportId = `report-${randomUUID().slice(0, 8)}`;
    await publish(MilestoneReportSubmittedV1, reportId, {
      reportId,
      milestoneId: `milestone-${randomUUID().slice(0, 8)}`,
      projectId: `project-${randomUUID().slice(0, 8)}`,
      cohortId,
      internId: internB,
      dueWeek: 5,
      late: true,
      submittedAt: new Date().toISOString(),
    });
    const [first] = await eventually(async () => (activity.received.length ? activity.received : undefined), {
      timeoutMs: 30_000,
      what: 'the activity',
    });
    expect(first.cohortActivity).toMatchObject({
      type: MilestoneReportSubmittedV1.type,
      name: 'MilestoneReportSubmitted',
      cohortId,
      subject: reportId,
      internId: internB,
      summary: expect.stringContaining('MilestoneReportSubmitted'),
    });
    await eventually(async () => (refused.done ? true : undefined), { timeoutMs: 5_000, what: 'the refusal' });
    expect(JSON.stringify(refused.errors)).toContain('FORBIDDEN');
    await activity.stop();
  });

  it('refuses a subscription without a token, and a socket with a bad one', async () => {
    const anonymous = collect(connect(), SUBSCRIBE);
    await eventually(async () => (anonymous.done ? true : undefined), { timeoutMs: 5_000, what: 'the refusal' });
    expect(JSON.stringify(anonymous.errors)).toContain('UNAUTHENTICATED');

    const forged = collect(connect(undefined, { authorization: `Bearer ${tokenA.slice(0, -4)}AAAA` }), SUBSCRIBE);
    await eventually(async () => (forged.done ? true : undefined), { timeoutMs: 5_000, what: 'the closed socket' });
    expect(forged.received).toEqual([]);
    expect(forged.errors.length).toBeGreaterThan(0);
  });
});
