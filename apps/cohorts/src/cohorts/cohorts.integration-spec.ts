import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CohortScheduledV1,
  CohortCancelledV1,
  eventsTopic,
  InternEnrolledV1,
  MentorAssignedV1,
  MentorUnassignedV1,
  type EventContract,
} from '#contracts';
import { addDays, ConflictError, dayOfWeek } from '#ddd';
import { eventually, ofType, signTestToken, startService, type GqlResponse, type ServiceHarness } from '#testing';
import { AppModule } from '../app.module.js';
import { cohortsConfigSchema } from '../config.js';
import { Cohort, WorkMode } from './domain/cohort.js';
import { DegreeLevel } from '../enrollments/domain/enrollment.js';
import { CohortRepository } from './persistence/cohort.repository.js';

/**
 * The cohorts service in-process (the real AppModule on Fastify) against the real Postgres (a
 * throwaway database) and the real Kafka: mutations through GraphQL, their events on
 * `mentorflow.cohorts.events`, the capacity rule under concurrency, errors and visibility.
 */

const run = randomBytes(4).toString('hex');
const TOPIC = eventsTopic('cohorts');

let svc: ServiceHarness;
const ids = { pm: `pm-${run}`, mentor: `mentor-${run}`, intern: `intern-${run}`, otherIntern: `intern-other-${run}` };
const tokens = {} as Record<'pm' | 'mentor' | 'intern' | 'otherIntern', string>;

/** Publishes another context's event, as that context would. */
async function publish<T>(contract: EventContract<T>, key: string, data: T): Promise<void> {
  await svc.publish(contract, key, data);
}

/** A Monday at least `weeksAhead` weeks from today. */
function futureMonday(weeksAhead = 4): string {
  let d = addDays(new Date().toISOString().slice(0, 10), weeksAhead * 7);
  while (dayOfWeek(d) !== 1) d = addDays(d, 1);
  return d;
}

const SCHEDULE = /* GraphQL */ `
  mutation ($input: ScheduleCohortInput!) {
    scheduleCohort(input: $input) {
      id
      name
      startDate
      weeks
      timezone
      location
      workMode
      capacity
      status
      enrolledCount
      placesLeft
      startsAt
      calendar {
        weeks {
          week
          startsOn
          endsOn
          phase
        }
        keyDates {
          scopeDue
          midpointWindow {
            startsOn
            endsOn
          }
          presentationsWeek {
            startsOn
            endsOn
          }
          finalEvaluationsDue
          programEnd
        }
      }
    }
  }
`;
const ENROLL = /* GraphQL */ `
  mutation ($input: EnrollInternInput!) {
    enrollIntern(input: $input) {
      id
      cohortId
      internId
      status
      enrolledAt
      cohort {
        id
        enrolledCount
      }
      intern {
        id
        name
        email
        focusAreas
      }
    }
  }
`;

function cohortInput(over: Record<string, unknown> = {}) {
  return {
    name: `Cohort ${run}`,
    startDate: futureMonday(),
    weeks: 12,
    timezone: 'America/New_York',
    location: 'New York',
    workMode: WorkMode.HYBRID,
    capacity: 5,
    ...over,
  };
}

function internInput(cohortId: string, internId: string, over: Record<string, unknown> = {}) {
  return {
    cohortId,
    internId,
    name: `Intern ${internId}`,
    email: `${internId}@example.com`,
    university: 'MIT',
    degreeLevel: DegreeLevel.MASTERS,
    focusAreas: ['recsys'],
    timezone: 'America/New_York',
    ...over,
  };
}

async function scheduleCohort(over: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const res = await svc.gql(SCHEDULE, { input: cohortInput(over) }, tokens.pm);
  expect(res.errors).toBeUndefined();
  return res.data!.scheduleCohort;
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const [row] = (await svc.dataSource.query(sql, params)) as { n: string }[];
  return Number(row!.n);
}

beforeAll(async () => {
  svc = await startService({
    service: 'cohorts',
    configSchema: cohortsConfigSchema,
    module: (config, logger) => AppModule.forRoot(config, logger),
    probe: [TOPIC],
    producer: true,
  });
  tokens.pm = await signTestToken({
    sub: ids.pm,
    roles: ['PROGRAM_MANAGER'],
    name: 'Pat PM',
    email: 'pat@example.com',
  });
  tokens.mentor = await signTestToken({ sub: ids.mentor, roles: ['MENTOR'] });
  tokens.intern = await signTestToken({ sub: ids.intern, roles: ['INTERN'], name: 'Ivy', email: 'ivy@example.com' });
  tokens.otherIntern = await signTestToken({ sub: ids.otherIntern, roles: ['INTERN'] });
});

afterAll(() => svc?.stop());

describe('scheduleCohort', () => {
  it('returns the cohort with its calendar and publishes CohortScheduled with the CloudEvents headers, keyed by the cohort id', async () => {
    const correlationId = `corr-${run}`;
    const startDate = futureMonday(6);
    const res = await svc.gql(
      SCHEDULE,
      { input: cohortInput({ startDate }) },
      {
        token: tokens.pm,
        headers: { 'x-correlation-id': correlationId },
      },
    );
    expect(res.errors).toBeUndefined();
    const cohort = res.data!.scheduleCohort;
    expect(cohort).toMatchObject({
      startDate,
      weeks: 12,
      status: 'SCHEDULED',
      enrolledCount: 0,
      placesLeft: 5,
      workMode: 'HYBRID',
    });
    expect(cohort.calendar.weeks).toHaveLength(12);
    expect(cohort.calendar.weeks[5]).toMatchObject({ week: 6, phase: 'MIDPOINT', startsOn: addDays(startDate, 35) });
    expect(cohort.calendar.keyDates.scopeDue).toBe(addDays(startDate, 13));

    const [message] = await svc.probe.waitFor(ofType(CohortScheduledV1.type, cohort.id));
    expect(message!.key).toBe(cohort.id);
    expect(message!.headers).toMatchObject({
      ce_type: 'mentorflow.cohorts.CohortScheduled.v1',
      ce_source: '/mentorflow/cohorts',
      ce_subject: cohort.id,
      ce_specversion: '1.0',
      ce_correlationid: correlationId,
    });
    expect(message!.headers.ce_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number.isNaN(Date.parse(message!.headers.ce_time!))).toBe(false);
    expect(message!.json).toEqual({
      cohortId: cohort.id,
      name: `Cohort ${run}`,
      startDate,
      weeks: 12,
      timezone: 'America/New_York',
      location: 'New York',
      workMode: 'HYBRID',
      capacity: 5,
      scheduledBy: ids.pm,
    });
  });

  it('refuses bad input with BAD_USER_INPUT naming weeks and startDate, and writes nothing', async () => {
    const before = await count(`SELECT count(*) AS n FROM cohorts`);
    const outboxBefore = await count(`SELECT count(*) AS n FROM outbox`);
    const tuesday = addDays(futureMonday(), 1);
    const res = await svc.gql(SCHEDULE, { input: cohortInput({ weeks: 9, startDate: tuesday }) }, tokens.pm);
    expect(res.status).toBe(200);
    expect(res.data).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.extensions.fields!.map((f) => f.field).sort()).toEqual(['startDate', 'weeks']);
    expect(res.errors![0]!.message).not.toMatch(/at .*\.ts/); // never a stack trace
    expect(await count(`SELECT count(*) AS n FROM cohorts`)).toBe(before);
    expect(await count(`SELECT count(*) AS n FROM outbox`)).toBe(outboxBefore);
  });

  it('gives FORBIDDEN to an intern and UNAUTHENTICATED without a token', async () => {
    const before = await count(`SELECT count(*) AS n FROM cohorts`);
    const forbidden = await svc.gql(SCHEDULE, { input: cohortInput() }, tokens.intern);
    expect(forbidden.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const anonymous = await svc.gql(SCHEDULE, { input: cohortInput() });
    expect(anonymous.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    const badToken = await svc.gql(SCHEDULE, { input: cohortInput() }, 'not-a-jwt');
    expect(badToken.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(await count(`SELECT count(*) AS n FROM cohorts`)).toBe(before);
  });
});

describe('enrollIntern', () => {
  it('enrolls, publishes InternEnrolled keyed by the cohort, and refuses over capacity with CONFLICT, publishing nothing', async () => {
    const cohort = await scheduleCohort({ capacity: 1 });
    const ok = await svc.gql(
      ENROLL,
      { input: internInput(cohort.id, `cap-a-${run}`, { focusAreas: [' nlp ', 'nlp', 'vision'] }) },
      tokens.pm,
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.enrollIntern).toMatchObject({
      cohortId: cohort.id,
      internId: `cap-a-${run}`,
      status: 'ENROLLED',
      cohort: { id: cohort.id, enrolledCount: 1 },
      intern: { id: `cap-a-${run}`, focusAreas: ['nlp', 'vision'] },
    });

    const full = await svc.gql(ENROLL, { input: internInput(cohort.id, `cap-b-${run}`) }, tokens.pm);
    expect(full.data).toBeNull();
    expect(full.errors?.[0]).toMatchObject({
      message: 'cohort is full (capacity 1)',
      extensions: { code: 'CONFLICT' },
    });

    // Nothing was written for the refused enrollment…
    expect(await count(`SELECT count(*) AS n FROM enrollments WHERE cohort_id = $1`, [cohort.id])).toBe(1);
    expect(
      await count(`SELECT count(*) AS n FROM outbox WHERE envelope->'data'->>'internId' = $1`, [`cap-b-${run}`]),
    ).toBe(0);
    // …and nothing reaches Kafka: a marker scheduled afterwards arrives, and still only one InternEnrolled for the cohort.
    const [enrolled] = await svc.probe.waitFor(ofType(InternEnrolledV1.type, cohort.id));
    expect(enrolled!.key).toBe(cohort.id);
    expect(enrolled!.json).toMatchObject({
      cohortId: cohort.id,
      internId: `cap-a-${run}`,
      focusAreas: ['nlp', 'vision'],
    });
    const marker = await scheduleCohort({ name: `marker ${run}` });
    await svc.probe.waitFor(ofType(CohortScheduledV1.type, marker.id));
    const seen = await svc.probe.collectFor(ofType(InternEnrolledV1.type, cohort.id), 500);
    expect(seen.map((m) => (m.json as { internId: string }).internId)).toEqual([`cap-a-${run}`]);
  });

  it('lets exactly 3 of 10 concurrent enrollments into a cohort with 3 places', async () => {
    const cohort = await scheduleCohort({ capacity: 3 });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        svc.gql(ENROLL, { input: internInput(cohort.id, `race-${i}-${run}`) }, tokens.pm),
      ),
    );
    const succeeded = results.filter((r) => !r.errors);
    const refused = results.filter((r) => r.errors);
    expect(succeeded).toHaveLength(3);
    expect(refused).toHaveLength(7);
    for (const r of refused) expect(r.errors![0]!.extensions.code).toBe('CONFLICT');
    expect(await count(`SELECT count(*) AS n FROM enrollments WHERE cohort_id = $1`, [cohort.id])).toBe(3);
    expect(await count(`SELECT enrolled_count AS n FROM cohorts WHERE id = $1`, [cohort.id])).toBe(3);
    const events = await svc.probe.waitFor(ofType(InternEnrolledV1.type, cohort.id), { count: 3 });
    expect(new Set(events.map((m) => (m.json as { internId: string }).internId))).toEqual(
      new Set(succeeded.map((r) => r.data!.enrollIntern.internId)),
    );
  });

  it('refuses a second enrollment of one intern in one cohort (CONFLICT), backed by the unique index', async () => {
    const cohort = await scheduleCohort();
    const input = internInput(cohort.id, `dup-${run}`);
    expect((await svc.gql(ENROLL, { input }, tokens.pm)).errors).toBeUndefined();
    const again = await svc.gql(ENROLL, { input }, tokens.pm);
    expect(again.errors?.[0]?.extensions.code).toBe('CONFLICT');

    // Even past the aggregate's own check, the unique index answers with a ConflictError.
    const repo = svc.app.get(CohortRepository);
    const stale = Cohort.rehydrate(
      { ...(await svc.dataSource.transaction((tx) => repo.findById(tx, cohort.id)))!.toSnapshot() },
      [],
    );
    const duplicate = stale.enroll('00000000-0000-4000-8000-000000000001', input, new Date());
    await expect(svc.dataSource.transaction((tx) => repo.insertEnrollment(tx, duplicate))).rejects.toBeInstanceOf(
      ConflictError,
    );
  });

  it('refuses bad intern details with BAD_USER_INPUT naming the fields, and an unknown cohort with NOT_FOUND', async () => {
    const cohort = await scheduleCohort();
    const bad = await svc.gql(
      ENROLL,
      { input: internInput(cohort.id, `bad-${run}`, { email: 'nope', timezone: 'Moon/Base', focusAreas: [''] }) },
      tokens.pm,
    );
    expect(bad.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.extensions.fields!.map((f) => f.field).sort()).toEqual([
      'email',
      'focusAreas[0]',
      'timezone',
    ]);
    const missing = await svc.gql(
      ENROLL,
      { input: internInput('00000000-0000-4000-8000-00000000beef', `x-${run}`) },
      tokens.pm,
    );
    expect(missing.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const notUuid = await svc.gql(ENROLL, { input: internInput('cohort-42', `x-${run}`) }, tokens.pm);
    expect(notUuid.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });
});

describe('cancelCohort', () => {
  const CANCEL = `mutation ($input: CancelCohortInput!) { cancelCohort(input: $input) { id status cancellationReason cancelledAt } }`;

  it('cancels before the start, publishes CohortCancelled, then refuses again and refuses enrollments', async () => {
    const cohort = await scheduleCohort();
    const res = await svc.gql(CANCEL, { input: { cohortId: cohort.id, reason: 'budget' } }, tokens.pm);
    expect(res.errors).toBeUndefined();
    expect(res.data!.cancelCohort).toMatchObject({ id: cohort.id, status: 'CANCELLED', cancellationReason: 'budget' });
    const [message] = await svc.probe.waitFor(ofType(CohortCancelledV1.type, cohort.id));
    expect(message!.json).toEqual({ cohortId: cohort.id, reason: 'budget', cancelledBy: ids.pm });

    expect((await svc.gql(CANCEL, { input: { cohortId: cohort.id } }, tokens.pm)).errors?.[0]?.extensions.code).toBe(
      'CONFLICT',
    );
    expect(
      (await svc.gql(ENROLL, { input: internInput(cohort.id, `late-${run}`) }, tokens.pm)).errors?.[0]?.extensions.code,
    ).toBe('CONFLICT');
    expect(
      (await svc.gql(CANCEL, { input: { cohortId: cohort.id } }, tokens.mentor)).errors?.[0]?.extensions.code,
    ).toBe('FORBIDDEN');
  });
});

describe('queries and visibility', () => {
  let cohortId: string;

  beforeAll(async () => {
    const cohort = await scheduleCohort({ name: `Visible ${run}`, startDate: futureMonday(30), capacity: 4 });
    cohortId = cohort.id;
    for (const internId of [ids.intern, ids.otherIntern]) {
      const r = await svc.gql(ENROLL, { input: internInput(cohortId, internId) }, tokens.pm);
      expect(r.errors).toBeUndefined();
    }
  });

  const COHORT = `query ($id: ID!) { cohort(id: $id) { id name enrolledCount placesLeft
      enrollments(first: 10) { totalCount edges { cursor node { internId intern { id name } cohort { id } } } pageInfo { hasNextPage endCursor } } } }`;

  it('shows a PM every enrollment, page by page', async () => {
    const all = await svc.gql(COHORT, { id: cohortId }, tokens.pm);
    expect(all.errors).toBeUndefined();
    expect(all.data!.cohort).toMatchObject({ enrolledCount: 2, placesLeft: 2 });
    expect(all.data!.cohort.enrollments.totalCount).toBe(2);
    expect(all.data!.cohort.enrollments.edges.map((e: any) => e.node.internId)).toEqual([ids.intern, ids.otherIntern]);

    const PAGE = `query ($id: ID!, $after: String) { cohort(id: $id) { enrollments(first: 1, after: $after) {
        edges { node { internId } } pageInfo { hasNextPage hasPreviousPage endCursor } } } }`;
    const first = await svc.gql(PAGE, { id: cohortId }, tokens.pm);
    expect(first.data!.cohort.enrollments.pageInfo.hasNextPage).toBe(true);
    const second = await svc.gql(
      PAGE,
      { id: cohortId, after: first.data!.cohort.enrollments.pageInfo.endCursor },
      tokens.pm,
    );
    expect(second.data!.cohort.enrollments.edges.map((e: any) => e.node.internId)).toEqual([ids.otherIntern]);
    expect(second.data!.cohort.enrollments.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('shows an intern the cohort with only their own enrollment, and no other intern', async () => {
    const mine = await svc.gql(COHORT, { id: cohortId }, tokens.intern);
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.cohort.enrollments.totalCount).toBe(1);
    expect(mine.data!.cohort.enrollments.edges.map((e: any) => e.node.intern.id)).toEqual([ids.intern]);

    const INTERN = `query ($id: ID!) { intern(id: $id) { id name email enrollments { cohortId status } } }`;
    expect((await svc.gql(INTERN, { id: ids.intern }, tokens.intern)).data!.intern).toMatchObject({
      id: ids.intern,
      enrollments: [{ cohortId, status: 'ENROLLED' }],
    });
    expect((await svc.gql(INTERN, { id: ids.otherIntern }, tokens.intern)).data!.intern).toBeNull();
    expect((await svc.gql(INTERN, { id: 'nobody' }, tokens.intern)).data!.intern).toBeNull();
    // A mentor sees an intern only while mentoring them: the cohorts service's own projection
    // of MentorAssigned / MentorUnassigned, never a call to the mentors service.
    expect((await svc.gql(INTERN, { id: ids.otherIntern }, tokens.mentor)).data!.intern).toBeNull();
    expect((await svc.gql(COHORT, { id: cohortId }, tokens.mentor)).data!.cohort.enrollments.totalCount).toBe(0);
    const assignment = {
      assignmentId: randomUUID(),
      cohortId,
      internId: ids.otherIntern,
      mentorId: ids.mentor,
      role: 'PRIMARY' as const,
    };
    await publish(MentorAssignedV1, ids.otherIntern, { ...assignment, assignedAt: new Date().toISOString() });
    await eventually(
      async () => {
        const r = await svc.gql(INTERN, { id: ids.otherIntern }, tokens.mentor);
        return r.data!.intern ? r : undefined;
      },
      { what: 'the mentor to see their mentee' },
    );
    const asMentor = await svc.gql(COHORT, { id: cohortId }, tokens.mentor);
    expect(asMentor.data!.cohort.enrollments.totalCount).toBe(1);
    expect(asMentor.data!.cohort.enrollments.edges.map((e: any) => e.node.intern.id)).toEqual([ids.otherIntern]);
    await publish(MentorUnassignedV1, ids.otherIntern, { ...assignment, reason: 'UNASSIGNED' });
    await eventually(
      async () => {
        const r = await svc.gql(INTERN, { id: ids.otherIntern }, tokens.mentor);
        return r.data!.intern === null ? r : undefined;
      },
      { what: 'the mentor to no longer see the intern' },
    );

    // The federation entry point obeys the same rule.
    const ENTITIES = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Intern { id name } ... on Cohort { id name } } }`;
    const reps = [
      { __typename: 'Intern', id: ids.intern },
      { __typename: 'Intern', id: ids.otherIntern },
      { __typename: 'Cohort', id: cohortId },
    ];
    const asIntern = await svc.gql(ENTITIES, { reps }, tokens.intern);
    expect(asIntern.data!._entities).toEqual([
      { id: ids.intern, name: `Intern ${ids.intern}` },
      null,
      { id: cohortId, name: `Visible ${run}` },
    ]);
    const asPm = await svc.gql(ENTITIES, { reps }, tokens.pm);
    expect(asPm.data!._entities[1]).toEqual({ id: ids.otherIntern, name: `Intern ${ids.otherIntern}` });
  });

  it('answers me with the caller and, for an intern, their enrollments', async () => {
    const ME = `{ me { sub roles name email enrollments { cohortId cohort { name } } intern { id } } }`;
    const intern = await svc.gql(ME, {}, tokens.intern);
    expect(intern.data!.me).toEqual({
      sub: ids.intern,
      roles: ['INTERN'],
      name: 'Ivy',
      email: 'ivy@example.com',
      enrollments: [{ cohortId, cohort: { name: `Visible ${run}` } }],
      intern: { id: ids.intern },
    });
    const pm = await svc.gql(ME, {}, tokens.pm);
    expect(pm.data!.me).toMatchObject({ sub: ids.pm, roles: ['PROGRAM_MANAGER'], enrollments: [], intern: null });
    expect((await svc.gql(ME)).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('lists cohorts newest start first with keyset cursors, filtered by status', async () => {
    const LIST = `query ($status: CohortStatus, $first: Int, $after: String) { cohorts(status: $status, first: $first, after: $after) {
        totalCount edges { cursor node { id startDate status } } pageInfo { hasNextPage endCursor } } }`;
    const all = await svc.gql(LIST, { first: 100 }, tokens.mentor);
    expect(all.errors).toBeUndefined();
    const dates = all.data!.cohorts.edges.map((e: any) => e.node.startDate);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(all.data!.cohorts.edges[0].node.id).toBe(cohortId); // the latest start date
    expect(all.data!.cohorts.totalCount).toBe(all.data!.cohorts.edges.length);

    const walked: string[] = [];
    let after: string | null = null;
    do {
      const page: GqlResponse = await svc.gql(LIST, { first: 2, after }, tokens.intern);
      walked.push(...page.data!.cohorts.edges.map((e: any) => e.node.id));
      after = page.data!.cohorts.pageInfo.hasNextPage ? page.data!.cohorts.pageInfo.endCursor : null;
    } while (after);
    expect(walked).toEqual(all.data!.cohorts.edges.map((e: any) => e.node.id));

    const cancelled = await svc.gql(LIST, { status: 'CANCELLED' }, tokens.pm);
    expect(cancelled.data!.cohorts.edges.every((e: any) => e.node.status === 'CANCELLED')).toBe(true);
    expect(cancelled.data!.cohorts.totalCount).toBeGreaterThanOrEqual(1);

    expect((await svc.gql(LIST, { first: 0 }, tokens.pm)).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect((await svc.gql(LIST, { after: 'garbage' }, tokens.pm)).errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect((await svc.gql(`{ cohort(id: "nope") { id } }`, {}, tokens.pm)).data).toEqual({ cohort: null });
    expect(
      (await svc.gql(`{ cohort(id: "00000000-0000-4000-8000-000000000000") { id } }`, {}, tokens.pm)).data,
    ).toEqual({
      cohort: null,
    });
  });
});
