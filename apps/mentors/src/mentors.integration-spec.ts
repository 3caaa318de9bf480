import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { eventsTopic, InternEnrolledV1, MentorRegisteredV1, type EventData } from '#contracts';
import { eventHandlersOf, isSealed, KeyRing, newCloudEvent, type CloudEvent } from '#messaging';
import { eventually, ofType, signTestToken, startService, type GqlResponse, type ServiceHarness } from '#testing';
import { AppModule } from './app.module.js';
import { AssignmentRepository } from './assignments/persistence/assignment.repository.js';
import { mentorsConfigSchema } from './config.js';
import { InternProjection } from './interns/events/intern.projection.js';

/**
 * The mentors service in-process against the real Postgres (a throwaway database) and the real
 * Kafka (its own consumer group): the InternEnrolled projection, the federated Intern fields,
 * registerMentor through the outbox to Kafka, the queries and who sees what.
 */

const run = randomBytes(4).toString('hex');
const COHORTS_TOPIC = eventsTopic('cohorts');
const MENTORS_TOPIC = eventsTopic('mentors');

let svc: ServiceHarness;

const tokens: Record<'pm' | 'mentor' | 'otherMentor' | 'cy' | 'intern' | 'otherIntern', string> = {} as never;
const ids = {
  pm: `pm-${run}`,
  mentor: `mentor-ada-${run}`,
  otherMentor: `mentor-bob-${run}`,
  cy: `mentor-cy-${run}`,
  intern: `intern-${run}`,
  otherIntern: `intern-other-${run}`,
  cohort: `cohort-${run}`,
  laterCohort: `cohort-later-${run}`,
};

function enrolledEvent(
  data: Partial<EventData<typeof InternEnrolledV1>>,
  time?: Date,
): CloudEvent<EventData<typeof InternEnrolledV1>> {
  return newCloudEvent({
    type: InternEnrolledV1.type,
    source: '/mentorflow/cohorts',
    subject: data.internId ?? ids.intern,
    time,
    data: {
      enrollmentId: `enr-${randomBytes(3).toString('hex')}`,
      cohortId: ids.cohort,
      internId: ids.intern,
      name: 'Ines Intern',
      email: 'ines@example.com',
      university: 'TU Delft',
      degreeLevel: 'MASTERS',
      focusAreas: ['recommender systems', 'python'],
      timezone: 'Europe/Amsterdam',
      ...data,
    },
  });
}

async function publish(event: CloudEvent, key: string): Promise<void> {
  await svc.send(COHORTS_TOPIC, event, key);
}

async function internRow(internId: string, cohortId: string): Promise<Record<string, unknown> | undefined> {
  const rows = (await svc.dataSource.query(`SELECT * FROM interns WHERE intern_id = $1 AND cohort_id = $2`, [
    internId,
    cohortId,
  ])) as Record<string, unknown>[];
  return rows[0];
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const [row] = (await svc.dataSource.query(sql, params)) as { n: string }[];
  return Number(row!.n);
}

const INTERN_FIELDS = `
  query($reps: [_Any!]!) {
    _entities(representations: $reps) {
      ... on Intern {
        id
        mentoringProfile { cohortId focusAreas timezone enrolledAt knownSince }
        mentors { id name email }
      }
    }
  }`;

const REGISTER = `
  mutation($input: RegisterMentorInput!) {
    registerMentor(input: $input) { id name email team expertise timezone capacity cohortIds registeredAt mentees { id } }
  }`;

function mentorInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    mentorId: ids.mentor,
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    team: 'Recommendations',
    expertise: ['recommender systems', 'python'],
    timezone: 'Europe/London',
    ...overrides,
  };
}

beforeAll(async () => {
  svc = await startService({
    service: 'mentors',
    configSchema: mentorsConfigSchema,
    module: (config, logger) => AppModule.forRoot(config, logger),
    probe: [MENTORS_TOPIC],
    producer: { allowAutoTopicCreation: false },
  });

  tokens.pm = await signTestToken({ sub: ids.pm, roles: ['PROGRAM_MANAGER'] });
  tokens.mentor = await signTestToken({ sub: ids.mentor, roles: ['MENTOR'] });
  tokens.otherMentor = await signTestToken({ sub: ids.otherMentor, roles: ['MENTOR'] });
  tokens.cy = await signTestToken({ sub: ids.cy, roles: ['MENTOR'] });
  tokens.intern = await signTestToken({ sub: ids.intern, roles: ['INTERN'] });
  tokens.otherIntern = await signTestToken({ sub: ids.otherIntern, roles: ['INTERN'] });
});

afterAll(() => svc?.stop());

describe('mentors service', () => {
  it('is ready once the database and Kafka answer', async () => {
    await eventually(async () => (await svc.http.inject({ method: 'GET', url: '/health/ready' })).statusCode === 200, {
      what: 'readiness',
    });
    const schema = await svc.gql('{ _service { sdl } }');
    expect(schema.data!._service.sdl).toMatch(/type Intern\s+@extends\s+@key\(fields: "id"\)/);
    expect(schema.data!._service.sdl).toMatch(/type Mentor\s+@key\(fields: "id"\)/);
  });

  describe('projection of interns from cohorts.InternEnrolled', () => {
    let first: CloudEvent<EventData<typeof InternEnrolledV1>>;
    const enrolledAt = new Date('2027-06-07T08:00:00.000Z');

    it('projects an InternEnrolled published on the cohorts topic and serves it on Intern.mentoringProfile', async () => {
      first = enrolledEvent({}, enrolledAt);
      await publish(first, ids.intern);

      const row = await eventually(() => internRow(ids.intern, ids.cohort), { what: 'the interns projection row' });
      expect(row).toMatchObject({
        intern_id: ids.intern,
        cohort_id: ids.cohort,
        enrollment_id: first.data.enrollmentId,
        name: 'Ines Intern',
        focus_areas: ['recommender systems', 'python'],
        timezone: 'Europe/Amsterdam',
        status: 'ENROLLED',
      });
      expect((row.enrolled_at as Date).toISOString()).toBe(enrolledAt.toISOString());

      const res = await svc.gql(INTERN_FIELDS, { reps: [{ __typename: 'Intern', id: ids.intern }] }, tokens.pm);
      expect(res.errors).toBeUndefined();
      expect(res.data!._entities).toEqual([
        {
          id: ids.intern,
          mentoringProfile: {
            cohortId: ids.cohort,
            focusAreas: ['recommender systems', 'python'],
            timezone: 'Europe/Amsterdam',
            enrolledAt: enrolledAt.toISOString(),
            knownSince: (row.known_since as Date).toISOString(),
          },
          mentors: [],
        },
      ]);
    });

    it('gives null for an intern it has not heard of, and refuses anonymous entity lookups', async () => {
      const unknown = await svc.gql(
        INTERN_FIELDS,
        { reps: [{ __typename: 'Intern', id: `nobody-${run}` }] },
        tokens.pm,
      );
      expect(unknown.data!._entities).toEqual([{ id: `nobody-${run}`, mentoringProfile: null, mentors: [] }]);

      const anonymous = await svc.gql(INTERN_FIELDS, { reps: [{ __typename: 'Intern', id: ids.intern }] });
      expect(anonymous.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    });

    it('shows the profile to the intern themself but not to another intern or an unassigned mentor', async () => {
      const self = await svc.gql(INTERN_FIELDS, { reps: [{ __typename: 'Intern', id: ids.intern }] }, tokens.intern);
      expect(self.data!._entities[0].mentoringProfile.cohortId).toBe(ids.cohort);
      for (const token of [tokens.otherIntern, tokens.mentor]) {
        const other = await svc.gql(INTERN_FIELDS, { reps: [{ __typename: 'Intern', id: ids.intern }] }, token);
        expect(other.errors).toBeUndefined();
        expect(other.data!._entities[0]).toEqual({ id: ids.intern, mentoringProfile: null, mentors: [] });
      }
    });

    it('applies a redelivered event (same ce_id) once', async () => {
      const before = await internRow(ids.intern, ids.cohort);
      await publish(first, ids.intern);
      // Same key, so the same partition: once this later event is projected, the duplicate before it was consumed.
      const later = enrolledEvent(
        { cohortId: ids.laterCohort, focusAreas: ['search'] },
        new Date('2027-09-06T08:00:00.000Z'),
      );
      await publish(later, ids.intern);
      await eventually(() => internRow(ids.intern, ids.laterCohort), { what: 'the later enrollment' });

      expect(await count(`SELECT count(*) AS n FROM inbox WHERE event_id = $1`, [first.id])).toBe(1);
      expect(
        await count(`SELECT count(*) AS n FROM inbox WHERE consumer = $1 AND event_id = ANY($2)`, [
          svc.groupId,
          [first.id, later.id],
        ]),
      ).toBe(2);
      expect(await internRow(ids.intern, ids.cohort)).toEqual(before);

      // The profile follows the intern's most recent enrollment.
      const res = await svc.gql(INTERN_FIELDS, { reps: [{ __typename: 'Intern', id: ids.intern }] }, tokens.pm);
      expect(res.data!._entities[0].mentoringProfile).toMatchObject({
        cohortId: ids.laterCohort,
        focusAreas: ['search'],
      });
    });

    it('upserts safely on its own: a repeat changes nothing and an older event never overwrites a newer one', async () => {
      const handler = eventHandlersOf(svc.app.get(InternProjection)).find((h) => h.contract === InternEnrolledV1)!;
      const internId = `intern-direct-${run}`;
      const newer = enrolledEvent({ internId, name: 'Newer Name' }, new Date('2027-06-08T00:00:00Z'));
      const older = enrolledEvent({ internId, name: 'Older Name' }, new Date('2027-06-01T00:00:00Z'));
      const apply = (e: typeof newer) =>
        svc.dataSource.transaction((tx) => handler.handle(e.data, { ...e, correlationId: e.correlationid }, tx));

      await apply(newer);
      const once = await internRow(internId, ids.cohort);
      await apply(newer);
      await apply(older);
      expect(await internRow(internId, ids.cohort)).toEqual(once);
      expect(once).toMatchObject({ name: 'Newer Name' });
    });
  });

  describe('registerMentor', () => {
    it('registers a mentor and publishes MentorRegistered with CloudEvents headers', async () => {
      const correlationId = `corr-${run}`;
      const res = await svc.gql(
        REGISTER,
        { input: mentorInput({ cohortIds: [ids.cohort] }) },
        { token: tokens.pm, headers: { 'x-correlation-id': correlationId } },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.registerMentor).toMatchObject({
        id: ids.mentor,
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        team: 'Recommendations',
        expertise: ['recommender systems', 'python'],
        timezone: 'Europe/London',
        capacity: 2,
        cohortIds: [ids.cohort],
        mentees: [],
      });

      const [message] = await svc.probe.waitFor(ofType(MentorRegisteredV1.type, ids.mentor), { timeoutMs: 30_000 });
      expect(message!.topic).toBe(MENTORS_TOPIC);
      expect(message!.key).toBe(ids.mentor);
      expect(message!.headers).toMatchObject({
        ce_specversion: '1.0',
        ce_type: 'mentorflow.mentors.MentorRegistered.v1',
        ce_source: '/mentorflow/mentors',
        ce_subject: ids.mentor,
        ce_correlationid: correlationId,
        'content-type': 'application/json',
      });
      expect(message!.headers.ce_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(new Date(message!.headers.ce_time!).toISOString()).toBe(message!.headers.ce_time);
      // Name and e-mail travel encrypted with the mentor's key; the service's key ring opens them.
      const sent = message!.json as Record<string, string>;
      expect(message!.value).not.toContain('Ada Lovelace');
      expect(message!.value).not.toContain('ada@example.com');
      expect(isSealed(sent.name) && isSealed(sent.email)).toBe(true);
      expect(await svc.app.get(KeyRing).open(MentorRegisteredV1, sent)).toEqual({
        mentorId: ids.mentor,
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        team: 'Recommendations',
        expertise: ['recommender systems', 'python'],
        timezone: 'Europe/London',
        capacity: 2,
      });
      const [outboxRow] = (await svc.dataSource.query(
        `SELECT event_id, published_at FROM outbox WHERE message_key = $1 AND event_type = $2`,
        [ids.mentor, MentorRegisteredV1.type],
      )) as {
        event_id: string;
        published_at: Date | null;
      }[];
      expect(outboxRow!.event_id).toBe(message!.headers.ce_id);
    });

    it('refuses a mentor id that is already registered with CONFLICT, writing nothing', async () => {
      const mentorsBefore = await count(`SELECT count(*) AS n FROM mentors`);
      const outboxBefore = await count(`SELECT count(*) AS n FROM outbox`);
      const res = await svc.gql(
        REGISTER,
        { input: mentorInput({ name: 'Impostor', email: 'imp@example.com' }) },
        tokens.pm,
      );
      expect(res.data).toBeNull();
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0]!.extensions.code).toBe('CONFLICT');
      expect(res.errors![0]!.message).toContain(ids.mentor);
      expect(await count(`SELECT count(*) AS n FROM mentors`)).toBe(mentorsBefore);
      expect(await count(`SELECT count(*) AS n FROM outbox`)).toBe(outboxBefore);
      const [row] = (await svc.dataSource.query(`SELECT name FROM mentors WHERE mentor_id = $1`, [ids.mentor])) as {
        name: string;
      }[];
      expect(row!.name).toBe('Ada Lovelace');
    });

    it('refuses bad input with BAD_USER_INPUT naming each field, writing nothing', async () => {
      const mentorsBefore = await count(`SELECT count(*) AS n FROM mentors`);
      const outboxBefore = await count(`SELECT count(*) AS n FROM outbox`);
      const res = await svc.gql(
        REGISTER,
        {
          input: mentorInput({
            mentorId: `mentor-bad-${run}`,
            email: 'not-an-email',
            capacity: 11,
            expertise: ['ml', '  '],
          }),
        },
        tokens.pm,
      );
      expect(res.status).toBe(200);
      expect(res.data).toBeNull();
      const error = res.errors![0]!;
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      expect(error.extensions.fields!.map((f) => f.field)).toEqual(['email', 'expertise[1]', 'capacity']);
      expect(error.message).toMatch(/email: .*capacity: /);
      expect(await count(`SELECT count(*) AS n FROM mentors`)).toBe(mentorsBefore);
      expect(await count(`SELECT count(*) AS n FROM outbox`)).toBe(outboxBefore);
    });

    it('is for program managers only', async () => {
      const asIntern = await svc.gql(REGISTER, { input: mentorInput({ mentorId: `mentor-x-${run}` }) }, tokens.intern);
      expect(asIntern.errors![0]!.extensions.code).toBe('FORBIDDEN');
      const asMentor = await svc.gql(REGISTER, { input: mentorInput({ mentorId: `mentor-x-${run}` }) }, tokens.mentor);
      expect(asMentor.errors![0]!.extensions.code).toBe('FORBIDDEN');
      const anonymous = await svc.gql(REGISTER, { input: mentorInput({ mentorId: `mentor-x-${run}` }) });
      expect(anonymous.errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
      expect(await count(`SELECT count(*) AS n FROM mentors WHERE mentor_id = $1`, [`mentor-x-${run}`])).toBe(0);
    });
  });

  describe('mentors and mentor queries', () => {
    const LIST = `
      query($cohortId: ID, $first: Int, $after: String) {
        mentors(cohortId: $cohortId, first: $first, after: $after) {
          totalCount
          edges { cursor node { id name email } }
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        }
      }`;

    beforeAll(async () => {
      // Ada (registered above, cohort only), plus: Bob (every cohort), Cy (another cohort), and two "Dee"s (same name).
      const more = [
        mentorInput({ mentorId: ids.otherMentor, name: 'Bob Builder', email: 'bob@example.com', capacity: 3 }),
        mentorInput({ mentorId: ids.cy, name: 'Cy Coder', email: 'cy@example.com', cohortIds: [`elsewhere-${run}`] }),
        mentorInput({ mentorId: `mentor-dee-2-${run}`, name: 'Dee Dev', email: 'dee2@example.com' }),
        mentorInput({ mentorId: `mentor-dee-1-${run}`, name: 'Dee Dev', email: 'dee1@example.com' }),
      ];
      for (const input of more) {
        const res = await svc.gql(REGISTER, { input }, tokens.pm);
        expect(res.errors).toBeUndefined();
      }
    });

    it('pages through every mentor by name, then id', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const res: GqlResponse = await svc.gql(LIST, { first: 2, after }, tokens.pm);
        expect(res.errors).toBeUndefined();
        const conn = res.data!.mentors;
        expect(conn.totalCount).toBe(5);
        expect(conn.pageInfo.hasPreviousPage).toBe(after !== null);
        seen.push(...conn.edges.map((e: { node: { id: string } }) => e.node.id));
        pages++;
        if (!conn.pageInfo.hasNextPage) break;
        after = conn.pageInfo.endCursor;
      }
      expect(pages).toBe(3);
      expect(seen).toEqual([ids.mentor, ids.otherMentor, ids.cy, `mentor-dee-1-${run}`, `mentor-dee-2-${run}`]);
    });

    it('lists only the mentors available for a cohort', async () => {
      const res = await svc.gql(LIST, { cohortId: ids.cohort }, tokens.pm);
      expect(res.data!.mentors.totalCount).toBe(4);
      expect(res.data!.mentors.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([
        ids.mentor,
        ids.otherMentor,
        `mentor-dee-1-${run}`,
        `mentor-dee-2-${run}`,
      ]);
      const elsewhere = await svc.gql(LIST, { cohortId: `elsewhere-${run}` }, tokens.pm);
      expect(elsewhere.data!.mentors.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(ids.cy);
      expect(elsewhere.data!.mentors.totalCount).toBe(4);
    });

    it('refuses a bad page size or cursor with BAD_USER_INPUT', async () => {
      const big = await svc.gql(LIST, { first: 101 }, tokens.pm);
      expect(big.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'first' }] });
      const cursor = await svc.gql(LIST, { after: 'garbage' }, tokens.pm);
      expect(cursor.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] });
    });

    it('reads one mentor, or null', async () => {
      const q = `query($id: ID!) { mentor(id: $id) { id name team capacity email } }`;
      const found = await svc.gql(q, { id: ids.otherMentor }, tokens.mentor);
      expect(found.data!.mentor).toEqual({
        id: ids.otherMentor,
        name: 'Bob Builder',
        team: 'Recommendations',
        capacity: 3,
        email: 'bob@example.com',
      });
      const missing = await svc.gql(q, { id: `nobody-${run}` }, tokens.pm);
      expect(missing.errors).toBeUndefined();
      expect(missing.data!.mentor).toBeNull();
      const anonymous = await svc.gql(q, { id: ids.otherMentor });
      expect(anonymous.errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
    });

    it('lets interns read mentor profiles but never a mentor’s email', async () => {
      const one = await svc.gql(
        `query($id: ID!) { mentor(id: $id) { id name email } }`,
        { id: ids.mentor },
        tokens.intern,
      );
      expect(one.data!.mentor).toEqual({ id: ids.mentor, name: 'Ada Lovelace', email: null });
      const list = await svc.gql(LIST, {}, tokens.intern);
      expect(list.data!.mentors.edges).toHaveLength(5);
      expect(list.data!.mentors.edges.every((e: { node: { email: string | null } }) => e.node.email === null)).toBe(
        true,
      );
      const reference = await svc.gql(
        `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Mentor { id email } } }`,
        { reps: [{ __typename: 'Mentor', id: ids.mentor }] },
        tokens.intern,
      );
      expect(reference.data!._entities).toEqual([{ id: ids.mentor, email: null }]);
    });
  });

  describe('assignments on Intern.mentors and Mentor.mentees', () => {
    beforeAll(async () => {
      // Assigning arrives with the next issue; the table is already the source of these fields.
      await svc.dataSource.query(
        `INSERT INTO assignments (id, intern_id, mentor_id, cohort_id, role, assigned_at) VALUES
           (gen_random_uuid(), $1, $2, $3, 'CO_MENTOR', '2027-06-08T09:00:00Z'),
           (gen_random_uuid(), $1, $4, $3, 'PRIMARY', '2027-06-08T10:00:00Z')`,
        [ids.intern, ids.otherMentor, ids.laterCohort, ids.mentor],
      );
    });

    it('resolves the intern’s mentors, primary first', async () => {
      const res = await svc.gql(INTERN_FIELDS, { reps: [{ __typename: 'Intern', id: ids.intern }] }, tokens.pm);
      expect(res.data!._entities[0].mentors.map((m: { id: string }) => m.id)).toEqual([ids.mentor, ids.otherMentor]);
      const asIntern = await svc.gql(
        INTERN_FIELDS,
        { reps: [{ __typename: 'Intern', id: ids.intern }] },
        tokens.intern,
      );
      expect(asIntern.data!._entities[0].mentors).toEqual([
        { id: ids.mentor, name: 'Ada Lovelace', email: null },
        { id: ids.otherMentor, name: 'Bob Builder', email: null },
      ]);
      const otherIntern = await svc.gql(
        INTERN_FIELDS,
        { reps: [{ __typename: 'Intern', id: ids.intern }] },
        tokens.otherIntern,
      );
      expect(otherIntern.data!._entities[0].mentors).toEqual([]);
    });

    it('shows an assigned mentor their mentee’s profile', async () => {
      const res = await svc.gql(INTERN_FIELDS, { reps: [{ __typename: 'Intern', id: ids.intern }] }, tokens.mentor);
      expect(res.data!._entities[0].mentoringProfile).toMatchObject({ cohortId: ids.laterCohort });
    });

    it('resolves mentees as Intern references, to those who may see them, one batched query per page', async () => {
      const spy = jest.spyOn(svc.app.get(AssignmentRepository), 'activeForMentors');
      const res = await svc.gql(`{ mentors(first: 10) { edges { node { id mentees { id } } } } }`, {}, tokens.pm);
      expect(spy).toHaveBeenCalledTimes(1);
      expect(spy.mock.calls[0]![0]).toHaveLength(5);
      spy.mockRestore();
      const byId = Object.fromEntries(
        res.data!.mentors.edges.map((e: { node: { id: string; mentees: { id: string }[] } }) => [
          e.node.id,
          e.node.mentees,
        ]),
      );
      expect(byId[ids.mentor]).toEqual([{ id: ids.intern }]);
      expect(byId[ids.otherMentor]).toEqual([{ id: ids.intern }]);
      expect(byId[ids.cy]).toEqual([]);

      const q = `query($id: ID!) { mentor(id: $id) { mentees { id mentoringProfile { cohortId } } } }`;
      const self = await svc.gql(q, { id: ids.mentor }, tokens.mentor);
      expect(self.data!.mentor.mentees).toEqual([{ id: ids.intern, mentoringProfile: { cohortId: ids.laterCohort } }]);
      // Bob co-mentors the same intern, so he sees them on Ada's list; Cy mentors nobody here.
      const coMentor = await svc.gql(q, { id: ids.mentor }, tokens.otherMentor);
      expect(coMentor.data!.mentor.mentees).toEqual([
        { id: ids.intern, mentoringProfile: { cohortId: ids.laterCohort } },
      ]);
      const unrelated = await svc.gql(q, { id: ids.mentor }, tokens.cy);
      expect(unrelated.data!.mentor.mentees).toEqual([]);
      const theIntern = await svc.gql(q, { id: ids.mentor }, tokens.intern);
      expect(theIntern.data!.mentor.mentees.map((m: { id: string }) => m.id)).toEqual([ids.intern]);
      const anotherIntern = await svc.gql(q, { id: ids.mentor }, tokens.otherIntern);
      expect(anotherIntern.data!.mentor.mentees).toEqual([]);
    });
  });
});
