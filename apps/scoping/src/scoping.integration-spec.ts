import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CohortScheduledV1, eventsTopic, InternEnrolledV1, type EventContract, type EventData } from '#contracts';
import { newCloudEvent, type CloudEvent } from '#messaging';
import {
  cohortScheduledData,
  internEnrolledData,
  eventually,
  signTestToken,
  startService,
  type ServiceHarness,
} from '#testing';
import { AppModule } from './app.module.js';
import { scopingConfigSchema } from './config.js';

// The real scoping AppModule on a throwaway database, consuming the real cohorts topic with a
// consumer group of its own, started at the topics' current ends (the run sees only its own events
// and never re-announces deadlines of earlier runs' interns).
const run = randomBytes(4).toString('hex');
const COHORTS_TOPIC = eventsTopic('cohorts');
const cohortId = `cohort-${run}`;
const internA = `intern-a-${run}`;
const internB = `intern-b-${run}`;

let svc: ServiceHarness;

function cohortsEvent<T>(contract: EventContract<T>, data: T): CloudEvent<T> {
  return newCloudEvent({ type: contract.type, source: '/mentorflow/cohorts', subject: cohortId, data });
}

async function publish(event: CloudEvent): Promise<void> {
  await svc.send(COHORTS_TOPIC, event, cohortId);
}

async function internRow(internId: string): Promise<{ name: string; cohort_id: string } | undefined> {
  const rows = (await svc.dataSource.query(`SELECT name, cohort_id FROM interns WHERE intern_id = $1`, [internId])) as {
    name: string;
    cohort_id: string;
  }[];
  return rows[0];
}

function enrolled(internId: string, name: string): EventData<typeof InternEnrolledV1> {
  return internEnrolledData(cohortId, internId, { name });
}

beforeAll(async () => {
  svc = await startService({
    service: 'scoping',
    configSchema: scopingConfigSchema,
    module: (config, logger) => AppModule.forRoot(config, logger),
    groupId: `test-scoping-${run}`,
    startGroupAtEndOf: [eventsTopic('cohorts'), eventsTopic('mentors')],
    producer: true,
  });
});

afterAll(() => svc?.stop());

describe('scoping service (real Postgres and Kafka)', () => {
  it('ran its migrations: messaging tables and projections exist', async () => {
    const tables = (await svc.dataSource.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    )) as { tablename: string }[];
    expect(tables.map((t) => t.tablename)).toEqual(expect.arrayContaining(['cohorts', 'inbox', 'interns', 'outbox']));
  });

  it('projects CohortScheduled and InternEnrolled, and applies a redelivered event once', async () => {
    await publish(cohortsEvent(CohortScheduledV1, cohortScheduledData(cohortId, { name: 'Summer 2027' })));
    const enrollment = cohortsEvent(InternEnrolledV1, enrolled(internA, 'Ada'));
    await publish(enrollment);
    expect(await eventually(() => internRow(internA))).toEqual({ name: 'Ada', cohort_id: cohortId });
    const cohorts = (await svc.dataSource.query(
      `SELECT start_date::text AS start, weeks, timezone FROM cohorts WHERE cohort_id = $1`,
      [cohortId],
    )) as unknown[];
    expect(cohorts).toEqual([{ start: '2027-06-07', weeks: 12, timezone: 'Europe/Berlin' }]);

    // The same event (same id) again, carrying different data: the inbox must stop it.
    await publish({ ...enrollment, data: { ...enrollment.data, name: 'Ada (redelivered)' } });
    // A later event on the same key (same partition, so consumed after the redelivery).
    await publish(cohortsEvent(InternEnrolledV1, enrolled(internB, 'Grace')));
    await eventually(() => internRow(internB));

    expect(await internRow(internA)).toEqual({ name: 'Ada', cohort_id: cohortId });
    const inbox = (await svc.dataSource.query(`SELECT count(*)::int AS n FROM inbox WHERE event_id = $1`, [
      enrollment.id,
    ])) as { n: number }[];
    expect(inbox[0]!.n).toBe(1);
  });

  it('answers scopingCalendar from the projections: scope due at the end of week 2', async () => {
    const pm = await signTestToken({ sub: 'pm-1', roles: ['PROGRAM_MANAGER'] });
    const res = await svc.gql(
      `{ scopingCalendar(internId: "${internA}") { internId cohortId cohortStartDate cohortWeeks timezone scopeDueWeek scopeDueDate scopeDueAt } }`,
      {},
      pm,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.scopingCalendar).toEqual({
      internId: internA,
      cohortId,
      cohortStartDate: '2027-06-07',
      cohortWeeks: 12,
      timezone: 'Europe/Berlin',
      scopeDueWeek: 2,
      scopeDueDate: '2027-06-20',
      scopeDueAt: '2027-06-20T22:00:00.000Z',
    });
  });

  it('lets an intern see their own calendar only, and says NOT_FOUND for an unknown intern', async () => {
    const ada = await signTestToken({ sub: internA, roles: ['INTERN'] });
    const own = await svc.gql(`{ scopingCalendar(internId: "${internA}") { scopeDueDate } }`, {}, ada);
    expect(own.data.scopingCalendar.scopeDueDate).toBe('2027-06-20');

    const other = await svc.gql(`{ scopingCalendar(internId: "${internB}") { scopeDueDate } }`, {}, ada);
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // A mentor sees only their mentees' calendars (scoping's assignments projection): refused alike
    // whether the intern exists or not.
    const mentor = await signTestToken({ sub: 'mentor-1', roles: ['MENTOR'] });
    const notAMentee = await svc.gql(`{ scopingCalendar(internId: "${internA}") { scopeDueDate } }`, {}, mentor);
    expect(notAMentee.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const pm = await signTestToken({ sub: 'pm-1', roles: ['PROGRAM_MANAGER'] });
    const unknown = await svc.gql(
      `
        {
          scopingCalendar(internId: "nobody") {
            scopeDueDate
          }
        }
      `,
      {},
      pm,
    );
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const anonymous = await svc.gql(`{ scopingCalendar(internId: "${internA}") { scopeDueDate } }`);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('serves the federation SDL and its health', async () => {
    const sdl = await svc.gql(`
      {
        _service {
          sdl
        }
      }
    `);
    expect(sdl.data._service.sdl).toContain('scopingCalendar(internId: ID!): ScopingCalendar!');
    const ready = await svc.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.json()).toMatchObject({ status: 'ok', checks: { database: true, kafka: true } });
    expect(ready.statusCode).toBe(200);
  });
});
