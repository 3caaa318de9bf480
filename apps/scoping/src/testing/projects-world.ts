import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from '@jest/globals';
import {
  CohortScheduledV1,
  CohortWeekStartedV1,
  eventsTopic,
  InternEnrolledV1,
  MentorAssignedV1,
  type Context,
  type EventContract,
  type EventData,
} from '#contracts';
import type { CloudEvent } from '#messaging';
import {
  cohortScheduledData,
  internEnrolledData,
  eventually,
  startService,
  type GqlClient,
  type GqlResponse,
  type ProbedMessage,
  type ServiceHarness,
} from '#testing';
import { AppModule } from '../app.module.js';
import { scopingConfigSchema } from '../config.js';

// The world of the projects specs: the real scoping AppModule on a throwaway database with a
// consumer group of its own, fed by CloudEvents published straight to the cohorts and mentors
// topics; what it publishes is watched on mentorflow.scoping.events. The group starts at the
// topics' current ends, so the run sees only its own events (and never re-announces deadlines of
// earlier runs' interns).

export const T = {
  approved: 'mentorflow.scoping.ProjectScopeApproved.v2',
  changesRequested: 'mentorflow.scoping.ProjectScopeChangesRequested.v2',
  submitted: 'mentorflow.scoping.ProjectScopeSubmitted.v1',
  scopeOverdue: 'mentorflow.scoping.ProjectScopeOverdue.v1',
  milestoneOverdue: 'mentorflow.scoping.MilestoneOverdue.v1',
  reportSubmitted: 'mentorflow.scoping.MilestoneReportSubmitted.v1',
  reportReviewed: 'mentorflow.scoping.MilestoneReportReviewed.v1',
  scopeDueSoon: 'mentorflow.scoping.ProjectScopeDueSoon.v1',
  milestoneDueSoon: 'mentorflow.scoping.MilestoneDueSoon.v1',
};

export const DRAFT = `mutation ($input: DraftProjectScopeInput!) {
  draftProjectScope(input: $input) { id revision status latestVersion versionInForce
    milestones { id title dueWeek plannedDueWeek } } }`;
export const SUBMIT = `mutation ($input: SubmitProjectScopeInput!) { submitProjectScope(input: $input) { id revision status } }`;
export const APPROVE = `mutation ($input: ApproveProjectScopeInput!) { approveProjectScope(input: $input) { id revision status versionInForce } }`;
export const REPORT = `mutation ($input: SubmitMilestoneReportInput!) {
  submitMilestoneReport(input: $input) { id attempt status late dueWeek submittedWeek metricResults { name value meetsTarget } } }`;
export const REVIEW = `mutation ($input: ReviewMilestoneReportInput!) { reviewMilestoneReport(input: $input) { id status feedback reviewedBy } }`;
export const PROJECT = `query ($id: ID!) { project(id: $id) { id title status revision versionInForce scopeDueWeek scopeOverdue programWeek programWeeks
  milestones { id dueWeek status overdue reports { id attempt status late } }
  versions { version status history { action actorId } } } }`;

export const code = (r: GqlResponse): string | undefined => r.errors?.[0]?.extensions?.code;
export const dataOf = (m: ProbedMessage): any => m.json;

export function scope(
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

/** Starts the scoping service before the file's tests and stops it after them; its helpers. */
export function projectsWorld(env: Record<string, string> = {}) {
  const run = randomBytes(4).toString('hex');
  let svc: ServiceHarness;

  beforeAll(async () => {
    svc = await startService({
      service: 'scoping',
      name: 'scoping_projects',
      configSchema: scopingConfigSchema,
      module: (config, logger) => AppModule.forRoot(config, logger),
      groupId: `test-scoping-projects-${run}`,
      startGroupAtEndOf: [eventsTopic('cohorts'), eventsTopic('mentors')],
      probe: [eventsTopic('scoping')],
      producer: true,
      env,
    });
  });
  afterAll(() => svc?.stop());

  const gql: GqlClient = (query, variables, caller) => svc.gql(query, variables, caller);

  async function publish<T>(
    context: Context,
    contract: EventContract<T>,
    key: string,
    data: T,
    id?: string,
  ): Promise<CloudEvent<T>> {
    return svc.publish(contract, key, data, { topic: eventsTopic(context), id });
  }

  async function consumed(eventId: string): Promise<boolean> {
    const rows = (await svc.dataSource.query(`SELECT 1 FROM inbox WHERE event_id = $1`, [eventId])) as unknown[];
    return rows.length > 0;
  }

  /**
   * The events this service instance published, once each: the probe may read a record twice after
   * a rebalance of its own group, and other instances of scoping (an end-to-end system running on
   * the same broker consumes these cohorts events too) publish to the same topic.
   */
  async function ours(messages: ProbedMessage[]): Promise<ProbedMessage[]> {
    const ids = new Set(
      ((await svc.dataSource.query(`SELECT event_id::text AS id FROM outbox`)) as { id: string }[]).map((r) => r.id),
    );
    return [...new Map(messages.filter((m) => ids.has(m.headers.ce_id!)).map((m) => [m.headers.ce_id, m])).values()];
  }

  /** Waits until `count` of this instance's events match. */
  async function waitOurs(predicate: (m: ProbedMessage) => boolean, count = 1): Promise<ProbedMessage[]> {
    return eventually(
      async () => {
        const found = await ours(svc.probe.messages.filter(predicate));
        return found.length >= count ? found : undefined;
      },
      { timeoutMs: 20_000, what: `${count} event(s) of this instance` },
    );
  }

  /** This instance's matching events seen within `ms`. */
  async function oursWithin(predicate: (m: ProbedMessage) => boolean, ms: number): Promise<ProbedMessage[]> {
    return ours(await svc.probe.collectFor(predicate, ms));
  }

  /** A cohort of this run, with interns enrolled; waits until scoping has projected them. */
  async function cohortWith(internIds: string[], weeks = 12): Promise<string> {
    const cohortId = `cohort-${randomUUID()}`;
    await publish('cohorts', CohortScheduledV1, cohortId, cohortScheduledData(cohortId, { weeks }));
    for (const internId of internIds) {
      await publish(
        'cohorts',
        InternEnrolledV1,
        cohortId,
        internEnrolledData(cohortId, internId, { name: internId, focusAreas: ['recsys'] }),
      );
    }
    await eventually(
      async () => {
        const rows = (await svc.dataSource.query(`SELECT count(*)::int AS n FROM interns WHERE cohort_id = $1`, [
          cohortId,
        ])) as { n: number }[];
        return rows[0]!.n === internIds.length;
      },
      { what: 'interns projected' },
    );
    return cohortId;
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
    await eventually(() => consumed(event.id), { what: 'assignment projected' });
    return assignmentId;
  }

  /** Moves the cohort's clock: publishes CohortWeekStarted for `week` and waits until it was handled. */
  async function startWeek(cohortId: string, week: number): Promise<CloudEvent<EventData<typeof CohortWeekStartedV1>>> {
    const event = await publish('cohorts', CohortWeekStartedV1, cohortId, weekStarted(cohortId, week));
    await eventually(() => consumed(event.id), { what: `week ${week} handled` });
    return event;
  }

  return {
    run,
    get svc(): ServiceHarness {
      return svc;
    },
    gql,
    publish,
    consumed,
    waitOurs,
    oursWithin,
    cohortWith,
    assign,
    startWeek,
  };
}
