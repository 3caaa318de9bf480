import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { eventsTopic, InternErasedV1, MentorErasedV1, MentorRegisteredV1 } from '#contracts';
import { eventually } from '#testing';
import { cohortLifeWorld, internInput, M } from '../testing/cohort-life-world.js';
import { ProgramClock } from '../program-clock/program-clock.service.js';

/**
 * Issue 18 in the cohorts service, against the real Postgres and Kafka: `eraseIntern` leaves no
 * copy of the intern's name or e-mail in any table of the database, records the erasure and
 * publishes InternErased; MentorErased erases the mentors' copies for good; the retention policy
 * erases a completed cohort's interns on the durable clock, PERSONAL_DATA_RETENTION_MONTHS (24)
 * after its end and not before, once.
 */
const world = cohortLifeWorld();
const { run, clock, ids, ok, fails, gql } = world;

const ERASE = `mutation ($input: EraseInternInput!) { eraseIntern(input: $input) { internId erasedAt erasedBy reason trigger } }`;
const INTERN = `query ($id: ID!) { intern(id: $id) { id name email university erased enrollments { cohortId status } } }`;
const INTERN_ERASED = InternErasedV1.type;

/**
 * Where `needle` (any case) occurs in the database: `table.column` of every text-like column of
 * schema public, the outbox's envelopes included: their personal fields are sealed with the
 * person's key (libs/messaging), so only ciphertext of the name and e-mail is there, which no
 * clear-text search finds; free text in events (a withdrawal reason) is searched as it is.
 */
async function occurrences(needle: string): Promise<string[]> {
  const ds = world.svc.dataSource;
  const columns = (await ds.query(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public'
        AND (data_type IN ('text', 'character varying', 'character', 'json', 'jsonb') OR udt_name IN ('_text', '_varchar'))
      ORDER BY table_name, column_name`,
  )) as { table_name: string; column_name: string }[];
  expect(columns.length).toBeGreaterThan(20);
  const found: string[] = [];
  for (const { table_name, column_name } of columns) {
    const rows = (await ds.query(
      `SELECT count(*)::int AS n FROM "${table_name}" WHERE strpos(lower("${column_name}"::text), lower($1)) > 0`,
      [needle],
    )) as { n: number }[];
    if (rows[0]!.n > 0) found.push(`${table_name}.${column_name}`);
  }
  return found;
}

async function outboxOf(type: string, key: string): Promise<unknown[]> {
  const rows = (await world.svc.dataSource.query(
    `SELECT envelope FROM outbox WHERE event_type = $1 AND message_key = $2 ORDER BY id`,
    [type, key],
  )) as { envelope: { data: unknown } }[];
  return rows.map((r) => r.envelope.data);
}

/** Whether the person's key (crypto-shredding, libs/messaging) was destroyed. */
async function keyOf(subjectId: string) {
  return (await world.svc.dataSource.query(
    `SELECT key IS NULL AND erased_at IS NOT NULL AS destroyed FROM personal_data_keys WHERE subject_id = $1`,
    [subjectId],
  )) as { destroyed: boolean }[];
}

async function erasureRecord(internId: string) {
  return (await world.svc.dataSource.query(
    `SELECT person, subject_id, reason, erased_by, erased_at, trigger FROM personal_data_erasures WHERE subject_id = $1`,
    [internId],
  )) as Record<string, unknown>[];
}

async function schedule(name: string, startDate: string): Promise<string> {
  return (
    await ok('pm', M.schedule, {
      name: `${name} ${run}`,
      startDate,
      weeks: 12,
      timezone: 'Europe/Berlin',
      location: 'Berlin',
      workMode: 'HYBRID',
      capacity: 5,
    })
  ).id;
}

describe('eraseIntern', () => {
  it("leaves no trace of the intern's name or e-mail in any table, records the erasure and publishes InternErased", async () => {
    clock.current = new Date('2027-05-20T10:00:00Z');
    const first = await schedule('Erasure A', '2027-06-07');
    const second = await schedule('Erasure B', '2027-09-06');
    const intern = internInput(first, ids.i1);
    for (const cohortId of [first, second]) await ok('pm', M.enroll, internInput(cohortId, ids.i1));
    await ok('pm', M.enroll, internInput(first, ids.i2));
    await ok('pm', M.withdraw, {
      cohortId: second,
      internId: ids.i1,
      reason: `${intern.name} (${intern.email}) takes a job elsewhere`,
    });
    // Free text elsewhere may name them too: a talk the intern gives, with the mentor's name in it.
    await ok('pm', M.talk, {
      cohortId: first,
      title: `Demo day: ${intern.name}`,
      speaker: `${intern.name} and Mentor ${ids.m1}`,
      abstract: `Questions to ${intern.email.toUpperCase()} or ${ids.m1}@example.com`,
      startsAt: '2027-06-16T16:00:00+02:00',
      durationMinutes: 45,
    });
    // (The outbox: InternEnrolled's name and e-mail are sealed; the withdrawal's reason and the talk's speaker are not.)
    expect(await occurrences(intern.name)).toEqual([
      'enrollments.end_reason',
      'enrollments.name',
      'outbox.envelope',
      'tech_talks.speaker',
      'tech_talks.title',
    ]);
    expect(await occurrences(intern.email)).toEqual([
      'enrollments.email',
      'enrollments.end_reason',
      'outbox.envelope',
      'tech_talks.abstract',
    ]);

    // Program managers only; every bad field named; an unknown intern is NOT_FOUND.
    expect((await fails('i1', ERASE, { internId: ids.i1, reason: 'mine' })).extensions.code).toBe('FORBIDDEN');
    const bad = await fails('pm', ERASE, { internId: ' ', reason: 'x'.repeat(501) });
    expect(bad.extensions.code).toBe('BAD_USER_INPUT');
    expect((bad.extensions.fields ?? []).map((f) => f.field)).toEqual(['internId', 'reason']);
    expect((await fails('pm', ERASE, { internId: `nobody-${run}`, reason: 'asked' })).extensions.code).toBe(
      'NOT_FOUND',
    );

    clock.current = new Date('2027-05-21T08:00:00Z');
    const erased = await ok('pm', ERASE, { internId: ids.i1, reason: 'Right to erasure, request #42' });
    expect(erased).toEqual({
      internId: ids.i1,
      erasedAt: '2027-05-21T08:00:00.000Z',
      erasedBy: ids.pm,
      reason: 'Right to erasure, request #42',
      trigger: 'REQUEST',
    });

    expect(await occurrences(intern.name)).toEqual([]);
    expect(await occurrences(intern.email)).toEqual([]);
    expect(await occurrences(internInput(first, ids.i2).name)).toEqual(['enrollments.name']); // the others stay
    const talk = (await world.svc.dataSource.query(
      `SELECT title, speaker, abstract FROM tech_talks WHERE cohort_id = $1`,
      [first],
    )) as Record<string, string>[];
    expect(talk).toEqual([
      {
        title: 'Demo day: Erased intern',
        speaker: `Erased intern and Mentor ${ids.m1}`,
        abstract: `Questions to erased-${ids.i1}@erased.invalid or ${ids.m1}@example.com`,
      },
    ]);

    const read = await gql('pm', INTERN, { id: ids.i1 });
    const { enrollments, ...profile } = read.data!.intern;
    expect(profile).toEqual({
      id: ids.i1,
      name: 'Erased intern',
      email: `erased-${ids.i1}@erased.invalid`,
      university: '',
      erased: true,
    });
    // Statuses stay (the two enrollments were made at the same instant: either order).
    expect(enrollments).toHaveLength(2);
    expect(enrollments).toEqual(
      expect.arrayContaining([
        { cohortId: first, status: 'ENROLLED' },
        { cohortId: second, status: 'WITHDRAWN' },
      ]),
    );
    expect((await gql('pm', INTERN, { id: ids.i2 })).data!.intern.erased).toBe(false);
    const counts = (await world.svc.dataSource.query(
      `SELECT id, enrolled_count FROM cohorts WHERE id = ANY($1::uuid[]) ORDER BY start_date`,
      [[first, second]],
    )) as { enrolled_count: number }[];
    expect(counts.map((c) => c.enrolled_count)).toEqual([2, 0]);

    expect(await erasureRecord(ids.i1)).toEqual([
      {
        person: 'INTERN',
        subject_id: ids.i1,
        reason: 'Right to erasure, request #42',
        erased_by: ids.pm,
        erased_at: new Date('2027-05-21T08:00:00Z'),
        trigger: 'REQUEST',
      },
    ]);
    expect(await outboxOf(INTERN_ERASED, ids.i1)).toEqual([
      { internId: ids.i1, cohortIds: [first, second], erasedAt: '2027-05-21T08:00:00.000Z', trigger: 'REQUEST' },
    ]);
    expect(await keyOf(ids.i1)).toEqual([{ destroyed: true }]);
    expect(await keyOf(ids.i2)).toEqual([{ destroyed: false }]);
    await world.svc.probe.waitFor((m) => m.headers.ce_type === INTERN_ERASED && m.headers.ce_subject === ids.i1, {
      timeoutMs: 30_000,
    });

    const again = await fails('pm', ERASE, { internId: ids.i1, reason: 'twice' });
    expect(again.extensions.code).toBe('CONFLICT');
    expect(again.message).toMatch(/already erased/);
    // An erased person's id is not reused: no personal data is written for it again.
    const third = await schedule('Erasure C', '2027-10-04');
    const enrollAgain = await fails('pm', M.enroll, internInput(third, ids.i1));
    expect(enrollAgain.extensions.code).toBe('CONFLICT');
    expect(await occurrences(intern.email)).toEqual([]);
    expect(await outboxOf(INTERN_ERASED, ids.i1)).toHaveLength(1);
  });
});

describe('MentorErased', () => {
  it("replaces the mentor's name and e-mail everywhere, for good: a replayed MentorRegistered brings nothing back", async () => {
    const name = `Mentor ${ids.m1}`;
    const email = `${ids.m1}@example.com`;
    // Their own row, and the talk the first spec scheduled names them as a speaker and by e-mail.
    expect(await occurrences(name)).toEqual(['outbox.envelope', 'registered_mentors.name', 'tech_talks.speaker']);
    expect(await occurrences(email)).toEqual(['registered_mentors.email', 'tech_talks.abstract']);
    const erasedAt = '2027-05-22T09:00:00.000Z';
    const event = await world.publish(eventsTopic('mentors'), MentorErasedV1, ids.m1, {
      mentorId: ids.m1,
      erasedAt,
      trigger: 'REQUEST',
    });
    await eventually(() => world.processed(event.id), { what: 'MentorErased consumed', timeoutMs: 30_000 });
    expect(await occurrences(name)).toEqual([]);
    expect(await occurrences(email)).toEqual([]);
    const row = async () =>
      (
        (await world.svc.dataSource.query(`SELECT name, email, team FROM registered_mentors WHERE mentor_id = $1`, [
          ids.m1,
        ])) as Record<string, string>[]
      )[0];
    const erased = { name: 'Erased mentor', email: `erased-${ids.m1}@erased.invalid`, team: 'Ranking' };
    expect(await row()).toEqual(erased);

    // Redelivered, and a replay of MentorRegistered with the data in clear text: nothing changes.
    await world.publish(
      eventsTopic('mentors'),
      MentorErasedV1,
      ids.m1,
      { mentorId: ids.m1, erasedAt, trigger: 'REQUEST' },
      event,
    );
    const replay = await world.publish(eventsTopic('mentors'), MentorRegisteredV1, ids.m1, {
      mentorId: ids.m1,
      name,
      email,
      team: 'Ranking',
      expertise: ['ranking'],
      timezone: 'Europe/London',
      capacity: 2,
    });
    await eventually(() => world.processed(replay.id), { what: 'the replayed MentorRegistered', timeoutMs: 30_000 });
    expect(await row()).toEqual(erased);
    expect(await occurrences(name)).toEqual([]);
    expect(await occurrences(`Mentor ${ids.m2}`)).toEqual(['registered_mentors.name']); // the other mentor stays
  });
});

describe('the retention policy', () => {
  it("erases a completed cohort's interns 24 months after its end, not before, once; an intern a later cohort still needs stays", async () => {
    clock.current = new Date('2027-05-20T10:00:00Z');
    const old = await schedule('Retention old', '2027-06-07'); // last day Sunday 2027-08-29
    const later = await schedule('Retention later', '2028-01-10'); // ends 2028-04-02: needed until 2030-04-03
    const [r1, r2] = [`retained-1-${run}`, `retained-2-${run}`];
    for (const id of [r1, r2]) await ok('pm', M.enroll, internInput(old, id));
    await ok('pm', M.enroll, internInput(later, r2));

    const completed = await ok('pm', M.advance, { cohortId: old, toWeek: 13 });
    expect(completed.status).toBe('COMPLETED');
    const retention = (await world.svc.dataSource.query(
      `SELECT due_at, fired_at FROM clock_events WHERE cohort_id = $1 AND kind = 'PERSONAL_DATA_RETENTION'`,
      [old],
    )) as { due_at: Date; fired_at: Date | null }[];
    // Local midnight after the last day, 24 months on: 2029-08-30 00:00 in Berlin (CEST).
    expect(retention).toEqual([{ due_at: new Date('2029-08-29T22:00:00Z'), fired_at: null }]);

    const programClock = world.svc.app.get(ProgramClock);
    const erasedOnes = async () =>
      (await world.svc.dataSource.query(
        `SELECT subject_id, reason, erased_by, trigger FROM personal_data_erasures WHERE subject_id = ANY($1) ORDER BY subject_id`,
        [[r1, r2]],
      )) as Record<string, string>[];

    clock.current = new Date('2029-08-29T21:59:00Z'); // a minute before
    await programClock.pass();
    expect(await erasedOnes()).toEqual([]);
    expect(await occurrences(`${r1}@example.com`)).not.toEqual([]);

    clock.current = new Date('2029-08-29T22:00:00Z');
    await programClock.pass();
    expect(await erasedOnes()).toEqual([
      {
        subject_id: r1,
        reason: 'retention policy: cohort completed more than 24 months ago',
        erased_by: 'retention-policy',
        trigger: 'RETENTION_POLICY',
      },
    ]);
    expect(await occurrences(`Intern ${r1}`)).toEqual([]);
    expect(await keyOf(r1)).toEqual([{ destroyed: true }]);
    expect(await keyOf(r2)).toEqual([{ destroyed: false }]);
    expect(await occurrences(`${r1}@example.com`)).toEqual([]);
    expect(await occurrences(`${r2}@example.com`)).toEqual(['enrollments.email']); // the later cohort still needs it
    expect(await outboxOf(INTERN_ERASED, r1)).toEqual([
      { internId: r1, cohortIds: [old], erasedAt: '2029-08-29T22:00:00.000Z', trigger: 'RETENTION_POLICY' },
    ]);

    // The clock firing again (a replica, a retry) erases nobody twice and publishes nothing more.
    await world.svc.dataSource.query(
      `UPDATE clock_events SET fired_at = NULL, fired_by = NULL WHERE cohort_id = $1 AND kind = 'PERSONAL_DATA_RETENTION'`,
      [old],
    );
    clock.current = new Date('2029-09-01T00:00:00Z');
    await programClock.pass();
    expect((await erasedOnes()).map((r) => r.subject_id)).toEqual([r1]);
    expect(await outboxOf(INTERN_ERASED, r1)).toHaveLength(1);
    expect(await outboxOf(INTERN_ERASED, r2)).toEqual([]);

    // When the later cohort's own retention falls due, r2 goes too.
    clock.current = new Date('2030-04-03T00:00:00Z');
    await programClock.pass();
    expect((await erasedOnes()).map((r) => r.subject_id)).toEqual([r1, r2].sort());
    expect(await occurrences(`${r2}@example.com`)).toEqual([]);
    expect(await outboxOf(INTERN_ERASED, r2)).toEqual([
      { internId: r2, cohortIds: [old, later], erasedAt: '2030-04-03T00:00:00.000Z', trigger: 'RETENTION_POLICY' },
    ]);
  });

  it("is put on every completed cohort's clock at start-up: a missing entry is added, an unfired one follows the configured months", async () => {
    clock.current = new Date('2027-05-20T10:00:00Z');
    const cohortId = await schedule('Retention start-up', '2027-06-07');
    await ok('pm', M.advance, { cohortId, toWeek: 13 });
    const ds = world.svc.dataSource;
    const entry = async () =>
      (await ds.query(`SELECT due_at FROM clock_events WHERE cohort_id = $1 AND kind = 'PERSONAL_DATA_RETENTION'`, [
        cohortId,
      ])) as { due_at: Date }[];
    const expected = [{ due_at: new Date('2029-08-29T22:00:00Z') }];
    expect(await entry()).toEqual(expected);
    const programClock = world.svc.app.get(ProgramClock);

    // A cohort completed before the policy existed has no entry.
    await ds.query(`DELETE FROM clock_events WHERE cohort_id = $1 AND kind = 'PERSONAL_DATA_RETENTION'`, [cohortId]);
    expect(await programClock.scheduleRetentionOfCompletedCohorts()).toBeGreaterThanOrEqual(1);
    expect(await entry()).toEqual(expected);
    // An entry scheduled under another PERSONAL_DATA_RETENTION_MONTHS moves.
    await ds.query(
      `UPDATE clock_events SET due_at = '2031-01-01T00:00:00Z' WHERE cohort_id = $1 AND kind = 'PERSONAL_DATA_RETENTION'`,
      [cohortId],
    );
    await programClock.scheduleRetentionOfCompletedCohorts();
    expect(await entry()).toEqual(expected);
    await programClock.scheduleRetentionOfCompletedCohorts();
    expect(await entry()).toEqual(expected); // once per cohort
  });
});
