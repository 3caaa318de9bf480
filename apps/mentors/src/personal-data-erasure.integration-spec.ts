import 'reflect-metadata';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { InternEnrolledV1, InternErasedV1, MentorErasedV1 } from '#contracts';
import { eventually, findInTopics, findPersonalData, internEnrolledData, ofType } from '#testing';
import { asMentor, ASSIGN, codes, cohortEvent, LOG, mentoringWorld, weekStarted } from './testing/mentoring-world.js';

/**
 * Erasure of personal data against the real Postgres and Kafka (see mentoring-world.ts):
 * eraseMentor and InternErased leave none of the person's name or e-mail in any table of the
 * mentors database (the outbox included), keep assignments and check-ins, and a redelivery
 * or a replayed InternEnrolled brings nothing back.
 */
const world = mentoringWorld();
const {
  run,
  id,
  pm,
  gql,
  publish,
  count,
  scheduleCohort,
  enroll,
  waitForInterns,
  registerMentor,
  assign,
  checkInInput,
} = world;

const ERASE = `mutation($input: EraseMentorInput!) {
  eraseMentor(input: $input) { mentorId erasedAt erasedBy reason trigger } }`;
const UPDATE = `mutation($input: UpdateMentorProfileInput!) { updateMentorProfile(input: $input) { id } }`;
const MENTOR = `query($id: ID!) { mentor(id: $id) { id name email team capacity placesLeft erased } }`;
const SUGGEST = `query($cohortId: ID!) { matchSuggestions(cohortId: $cohortId) { intern { id } mentor { id } } }`;

/**
 * Where the needles are still found, in every table, the outbox included: the personal fields of
 * MentorRegistered and MentorProfileUpdated are sealed there with the mentor's key (crypto-shredding).
 */
const personalDataLeft = (needles: string[]) => findPersonalData(world.svc.dataSource, needles);

async function inInbox(eventId: string): Promise<boolean> {
  return (await count(`SELECT count(*) AS n FROM inbox WHERE event_id = $1`, [eventId])) === 1;
}

describe('erasure of personal data in mentors', () => {
  const cohortId = id('cohort-erasure');
  const ada = id('e-ada');
  const bob = id('e-bob');
  const grace = id('e-grace');
  const alan = id('e-alan');
  const graceName = `Grace Hopper ${run}`;
  const graceEmail = `grace.hopper.${run}@example.com`;
  const adaName = `Ada Lovelace ${run}`;
  const adaEmail = `ada.lovelace.${run}@example.edu`;
  const adaEnrolled = cohortEvent(
    InternEnrolledV1,
    internEnrolledData(cohortId, ada, { name: adaName, email: adaEmail, focusAreas: ['nlp'] }),
    cohortId,
  );

  beforeAll(async () => {
    await scheduleCohort(cohortId);
    await publish(adaEnrolled, cohortId);
    await enroll(cohortId, bob, ['nlp']);
    await waitForInterns(cohortId, 2);
    await registerMentor(grace, { name: graceName, email: graceEmail, capacity: 3, expertise: ['nlp'] });
    await registerMentor(alan, { capacity: 3, expertise: ['nlp'] });
    expect((await assign(ada, grace)).errors).toBeUndefined();
    await publish(weekStarted(cohortId, 1), cohortId);
    await eventually(
      async () =>
        (await count(`SELECT count(*) AS n FROM cohorts WHERE cohort_id = $1 AND current_week = 1`, [cohortId])) === 1,
      { what: 'the cohort clock at week 1' },
    );
    // Grace's own notes quote her name and e-mail, and the intern's name.
    const logged = await gql(
      LOG,
      {
        input: checkInInput(ada, {
          notes: `${adaName} presented; questions to ${graceName} (${graceEmail})`,
          privateNotes: `${graceName.toUpperCase()} to follow up`,
          actionItems: [`${adaName} sends the draft`],
        }),
      },
      await asMentor(grace),
    );
    expect(logged.errors).toBeUndefined();
  });

  it('refuses bad input naming the field, a mentor caller, and an unknown mentor, writing nothing', async () => {
    const before = await count(`SELECT count(*) AS n FROM personal_data_erasures`);
    const bad = await gql(ERASE, { input: { mentorId: grace, reason: ' '.repeat(3) } }, await pm());
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'reason' }] });
    const long = await gql(ERASE, { input: { mentorId: grace, reason: 'x'.repeat(501) } }, await pm());
    expect(long.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'reason' }] });
    const blank = await gql(ERASE, { input: { mentorId: ' ', reason: 'asked' } }, await pm());
    expect(blank.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'mentorId' }] });
    expect(codes(await gql(ERASE, { input: { mentorId: grace, reason: 'asked' } }, await asMentor(grace)))).toEqual([
      'FORBIDDEN',
    ]);
    expect(codes(await gql(ERASE, { input: { mentorId: id('nobody'), reason: 'asked' } }, await pm()))).toEqual([
      'NOT_FOUND',
    ]);
    expect(await count(`SELECT count(*) AS n FROM personal_data_erasures`)).toBe(before);
    expect(await personalDataLeft([graceName, graceEmail])).not.toEqual([]);
  });

  it('eraseMentor leaves no trace of the name or e-mail, keeps assignments and check-ins, and publishes MentorErased', async () => {
    const before = await personalDataLeft([graceName, graceEmail]);
    expect(before.map((h) => `${h.table}.${h.column}`)).toEqual(
      expect.arrayContaining(['mentors.name', 'mentors.email', 'check_ins.notes', 'check_ins.private_notes']),
    );

    const res = await gql(ERASE, { input: { mentorId: grace, reason: 'Asked on 2027-06-01 (ticket 42)' } }, await pm());

    expect(res.errors).toBeUndefined();
    expect(res.data!.eraseMentor).toEqual({
      mentorId: grace,
      erasedAt: expect.any(String),
      erasedBy: world.pmId,
      reason: 'Asked on 2027-06-01 (ticket 42)',
      trigger: 'REQUEST',
    });
    expect(await personalDataLeft([graceName, graceEmail])).toEqual([]);
    const [message] = await world.svc.probe.waitFor(ofType(MentorErasedV1.type, grace), { timeoutMs: 30_000 });
    expect(message!.json).toEqual({ mentorId: grace, erasedAt: res.data!.eraseMentor.erasedAt, trigger: 'REQUEST' });
    expect(message!.value).not.toMatch(/hopper/i);
    // Nor in clear in the log (MentorRegistered carried them sealed, with the key just destroyed).
    expect(await findInTopics([graceName, graceEmail])).toEqual([]);

    const read = await gql(MENTOR, { id: grace }, await pm());
    expect(read.data!.mentor).toMatchObject({
      erased: true,
      name: 'Erased mentor',
      email: `erased-${grace}@erased.invalid`,
      placesLeft: 2,
    });
    expect(
      await count(`SELECT count(*) AS n FROM assignments WHERE mentor_id = $1 AND unassigned_at IS NULL`, [grace]),
    ).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM check_ins WHERE mentor_id = $1`, [grace])).toBe(1);
    expect(
      await world.svc.dataSource.query(
        `SELECT person, reason, erased_by, trigger FROM personal_data_erasures WHERE subject_id = $1`,
        [grace],
      ),
    ).toEqual([
      { person: 'MENTOR', reason: 'Asked on 2027-06-01 (ticket 42)', erased_by: world.pmId, trigger: 'REQUEST' },
    ]);
  });

  it('an erased mentor cannot be erased again, updated, assigned or suggested', async () => {
    expect(codes(await gql(ERASE, { input: { mentorId: grace, reason: 'again' } }, await pm()))).toEqual(['CONFLICT']);
    expect(codes(await gql(UPDATE, { input: { mentorId: grace, name: graceName } }, await pm()))).toEqual(['CONFLICT']);
    expect(
      codes(await gql(ASSIGN, { input: { internId: bob, mentorId: grace, role: 'PRIMARY' } }, await pm())),
    ).toEqual(['CONFLICT']);
    const suggestions = await gql(SUGGEST, { cohortId }, await pm());
    expect(suggestions.errors).toBeUndefined();
    expect(suggestions.data!.matchSuggestions).toEqual([{ intern: { id: bob }, mentor: { id: alan } }]);
    expect(await personalDataLeft([graceName, graceEmail])).toEqual([]);
  });

  it('InternErased leaves no trace of the intern’s name or e-mail; a redelivery and a replayed enrollment bring nothing back', async () => {
    expect((await personalDataLeft([adaName, adaEmail])).map((h) => `${h.table}.${h.column}`)).toEqual(
      expect.arrayContaining(['interns.name', 'check_ins.notes', 'check_ins.action_items']),
    );
    const erased = cohortEvent(
      InternErasedV1,
      { internId: ada, cohortIds: [cohortId], erasedAt: new Date().toISOString(), trigger: 'RETENTION_POLICY' },
      ada,
    );
    await publish(erased, ada);
    await eventually(() => inInbox(erased.id), { what: 'InternErased applied' });

    expect(await personalDataLeft([adaName, adaEmail])).toEqual([]);
    expect(await world.svc.dataSource.query(`SELECT name, status FROM interns WHERE intern_id = $1`, [ada])).toEqual([
      { name: 'Erased intern', status: 'ENROLLED' },
    ]);
    expect(
      await count(`SELECT count(*) AS n FROM assignments WHERE intern_id = $1 AND unassigned_at IS NULL`, [ada]),
    ).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM check_ins WHERE intern_id = $1`, [ada])).toBe(1);

    const again = cohortEvent(
      InternErasedV1,
      { internId: ada, cohortIds: [cohortId], erasedAt: new Date().toISOString(), trigger: 'RETENTION_POLICY' },
      ada,
    );
    // A replay of the enrollment from before the erasure (a later time, as if re-sent): the name stays erased.
    const replay = cohortEvent(InternEnrolledV1, adaEnrolled.data, cohortId);
    await publish(again, ada);
    await publish(replay, cohortId);
    await eventually(async () => (await inInbox(again.id)) && (await inInbox(replay.id)), { what: 'replay applied' });
    expect(await personalDataLeft([adaName, adaEmail])).toEqual([]);
    expect(await count(`SELECT count(*) AS n FROM personal_data_erasures WHERE subject_id = $1`, [ada])).toBe(1);
  });
});
