import 'reflect-metadata';
import type { EntityManager } from 'typeorm';
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { InternWithdrawnV1, MentorAssignedV1, MentorProfileUpdatedV1, MentorUnassignedV1 } from '#contracts';
import { expectLabelled, ofType } from '#testing';
import { AssignmentRepository } from './assignments/persistence/assignment.repository.js';
import {
  asIntern,
  asMentor,
  ASSIGN,
  codes,
  cohortEvent,
  mentoringWorld,
  mentorsMessages,
  UNASSIGN,
} from './testing/mentoring-world.js';

/**
 * Matching and assigning mentors against the real Postgres and Kafka (see mentoring-world.ts): match
 * suggestions, assignments and their races, interns leaving, and the mentors' capacity as their
 * profiles change. Check-ins: check-ins.integration-spec.ts.
 */
const world = mentoringWorld();
const DEFAULT_WEIGHTS = 'weights: expertise 60 %, working hours 30 %, workload 10 %';
const { id, cohort, pmId, pm, gql, publish, count, scheduleCohort, enroll, waitForInterns, registerMentor, assign } =
  world;

// First: the mentors registered later are available for every cohort and would join this match.
describe('match suggestions', () => {
  const cohortId = id('cohort-match');

  beforeAll(async () => {
    await scheduleCohort(cohortId);
    await enroll(cohortId, id('m-ines'), ['recommender systems', 'nlp'], 'Europe/Amsterdam');
    await enroll(cohortId, id('m-otto'), ['nlp'], 'Europe/London');
    await enroll(cohortId, id('m-pia'), ['computer vision'], 'America/New_York');
    await waitForInterns(cohortId, 3);
    await registerMentor(id('m-ada'), {
      expertise: ['recommender systems', 'nlp'],
      capacity: 1,
      cohortIds: [cohortId],
    });
    await registerMentor(id('m-bob'), { expertise: ['recommender systems'], capacity: 1, cohortIds: [cohortId] });
    await registerMentor(id('m-cy'), {
      expertise: ['computer vision'],
      capacity: 2,
      timezone: 'America/New_York',
      cohortIds: [cohortId],
    });
  });

  const SUGGEST = `query($cohortId: ID!) { matchSuggestions(cohortId: $cohortId) {
    intern { id } mentor { id name } role score reasons sharedFocusAreas workingHoursOverlap placesLeft
    breakdown { expertise workingHours load } } }`;

  it('matches the whole cohort at once and explains every suggestion', async () => {
    const res = await gql(SUGGEST, { cohortId }, await pm());
    expect(res.errors).toBeUndefined();
    const byIntern = Object.fromEntries(res.data!.matchSuggestions.map((s: any) => [s.intern.id, s]));
    // Greedy would give Ines (first) Ada and leave Otto with Bob, who knows no NLP.
    expect(byIntern[id('m-ines')].mentor.id).toBe(id('m-bob'));
    expect(byIntern[id('m-otto')].mentor.id).toBe(id('m-ada'));
    expect(byIntern[id('m-pia')].mentor.id).toBe(id('m-cy'));
    expect(byIntern[id('m-otto')]).toMatchObject({
      role: 'PRIMARY',
      reasons: ['shares nlp', '8 h working-hours overlap', '1 of 1 place left', DEFAULT_WEIGHTS],
      sharedFocusAreas: ['nlp'],
      workingHoursOverlap: 8,
      placesLeft: 1,
    });
    expect(byIntern[id('m-pia')].reasons).toEqual([
      'shares computer vision',
      '8 h working-hours overlap',
      '2 of 2 places left',
      DEFAULT_WEIGHTS,
    ]);
    expect(byIntern[id('m-ines')].reasons[0]).toBe('shares recommender systems');
    for (const s of res.data!.matchSuggestions) expect(s.score).toBeGreaterThan(0);
  });

  it('leaves matched interns out, is for program managers only, and names unknown cohorts', async () => {
    expect((await assign(id('m-pia'), id('m-cy'))).errors).toBeUndefined();
    const res = await gql(SUGGEST, { cohortId }, await pm());
    expect(res.data!.matchSuggestions.map((s: any) => s.intern.id).sort()).toEqual([id('m-ines'), id('m-otto')].sort());
    expect(codes(await gql(SUGGEST, { cohortId }, await asMentor(id('m-ada'))))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(SUGGEST, { cohortId: id('no-such-cohort') }, await pm()))).toEqual(['NOT_FOUND']);
  });
});

describe('assignments', () => {
  const ines = id('intern-ines');
  const otto = id('intern-otto');
  const pia = id('intern-pia');
  const ada = id('mentor-ada');
  const bob = id('mentor-bob');
  const cy = id('mentor-cy');

  beforeAll(async () => {
    await scheduleCohort(cohort.main);
    await enroll(cohort.main, ines, ['recommender systems', 'nlp']);
    await enroll(cohort.main, otto, ['nlp'], 'Asia/Kolkata');
    await enroll(cohort.main, pia, ['computer vision']);
    await waitForInterns(cohort.main, 3);
    await registerMentor(ada, { expertise: ['recommender systems', 'nlp'], capacity: 2 });
    await registerMentor(bob, { expertise: ['recommender systems'], capacity: 1 });
    await registerMentor(cy, { expertise: ['computer vision'], capacity: 2, cohortIds: [id('another-cohort')] });
  });

  it('assigns a primary mentor through the outbox: MentorAssigned keyed by the intern', async () => {
    const res = await assign(ines, ada);
    expect(res.errors).toBeUndefined();
    expect(res.data!.assignMentor).toMatchObject({
      role: 'PRIMARY',
      active: true,
      cohortId: cohort.main,
      unassignedAt: null,
      intern: { id: ines },
      mentor: { id: ada, placesLeft: 1 },
    });
    const [message] = await world.svc.probe.waitFor(ofType(MentorAssignedV1.type, ines), { timeoutMs: 30_000 });
    expect(message!.key).toBe(ines);
    expect(message!.json).toEqual({
      assignmentId: res.data!.assignMentor.id,
      cohortId: cohort.main,
      internId: ines,
      mentorId: ada,
      role: 'PRIMARY',
      assignedAt: res.data!.assignMentor.assignedAt,
    });
  });

  it('refuses a mentor at capacity, a second identical assignment, and mentors not available for the cohort', async () => {
    expect((await assign(otto, bob)).errors).toBeUndefined(); // bob: 1 of 1
    const full = await assign(pia, bob, 'CO_MENTOR');
    expect(codes(full)).toEqual(['CONFLICT']);
    expect(full.errors![0]!.message).toBe(`mentor ${bob} has no free place: 1 of 1 taken`);
    expect(codes(await assign(ines, ada))).toEqual(['CONFLICT']);
    const unavailable = await assign(pia, cy);
    expect(codes(unavailable)).toEqual(['CONFLICT']);
    expect(unavailable.errors![0]!.message).toContain(`not available for cohort ${cohort.main}`);
    expect(codes(await assign(id('nobody'), ada))).toEqual(['NOT_FOUND']);
    expect(codes(await assign(pia, id('no-mentor')))).toEqual(['NOT_FOUND']);
    const asMentorCaller = await gql(
      ASSIGN,
      { input: { internId: pia, mentorId: ada, role: 'PRIMARY' } },
      await asMentor(ada),
    );
    expect(codes(asMentorCaller)).toEqual(['FORBIDDEN']);
  });

  it('reassigns: a new PRIMARY ends the old one (REPLACED_BY_NEW_PRIMARY) in the same transaction, events in order', async () => {
    // Free a place for bob first: unassign him from otto.
    const unassigned = await gql(UNASSIGN, { input: { internId: otto, mentorId: bob } }, await pm());
    expect(unassigned.errors).toBeUndefined();
    expect(unassigned.data!.unassignMentor).toMatchObject({
      active: false,
      endReason: 'UNASSIGNED',
      mentor: { placesLeft: 1 },
    });
    expect(codes(await gql(UNASSIGN, { input: { internId: otto, mentorId: bob } }, await pm()))).toEqual(['NOT_FOUND']);

    // Without replace, a PRIMARY over the current one is refused (SPEC 7) and changes nothing.
    expect(codes(await assign(ines, bob))).toEqual(['CONFLICT']);
    const res = await assign(ines, bob, 'PRIMARY', true);
    expect(res.errors).toBeUndefined();
    const rows = (await world.svc.dataSource.query(
      `SELECT mentor_id, role, unassigned_at IS NULL AS active, end_reason FROM assignments WHERE intern_id = $1 ORDER BY assigned_at`,
      [ines],
    )) as { mentor_id: string; role: string; active: boolean; end_reason: string | null }[];
    expect(rows).toEqual([
      { mentor_id: ada, role: 'PRIMARY', active: false, end_reason: 'REPLACED_BY_NEW_PRIMARY' },
      { mentor_id: bob, role: 'PRIMARY', active: true, end_reason: null },
    ]);
    const forInes = await world.svc.probe.waitFor(
      (m) =>
        m.key === ines &&
        (m.headers.ce_type === MentorUnassignedV1.type || m.headers.ce_type === MentorAssignedV1.type),
      { count: 3, timeoutMs: 30_000 },
    );
    expect(forInes.map((m) => [m.headers.ce_type, (m.json as { mentorId: string }).mentorId])).toEqual([
      [MentorAssignedV1.type, ada],
      [MentorUnassignedV1.type, ada],
      [MentorAssignedV1.type, bob],
    ]);
    expect(forInes[1]!.json).toMatchObject({ role: 'PRIMARY', reason: 'REPLACED_BY_NEW_PRIMARY' });

    // Ada becomes co-mentor; the intern's mentors: primary first.
    expect((await assign(ines, ada, 'CO_MENTOR')).errors).toBeUndefined();
    const q = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Intern { mentors { id } mentorAssignments { role mentor { id } } } } }`;
    const seen = await gql(q, { reps: [{ __typename: 'Intern', id: ines }] }, await pm());
    expect(seen.data!._entities[0]).toEqual({
      mentors: [{ id: bob }, { id: ada }],
      mentorAssignments: [
        { role: 'PRIMARY', mentor: { id: bob } },
        { role: 'CO_MENTOR', mentor: { id: ada } },
      ],
    });
    const stranger = await gql(q, { reps: [{ __typename: 'Intern', id: ines }] }, await asIntern(otto));
    expect(stranger.data!._entities[0]).toEqual({ mentors: [], mentorAssignments: [] });
  });

  it('frees the mentors’ places when an intern is withdrawn, with MentorUnassigned for each assignment', async () => {
    const withdrawn = cohortEvent(
      InternWithdrawnV1,
      { enrollmentId: `enr-${ines}`, cohortId: cohort.main, internId: ines, reason: 'moved abroad', withdrawnBy: pmId },
      cohort.main,
    );
    await publish(withdrawn, cohort.main);
    const unassigned = await world.svc.probe.waitFor(
      mentorsMessages(MentorUnassignedV1.type, (j) => j.internId === ines && j.reason === 'INTERN_WITHDRAWN'),
      { count: 2, timeoutMs: 30_000 },
    );
    expect(unassigned.map((m) => (m.json as { mentorId: string }).mentorId).sort()).toEqual([ada, bob].sort());
    expect(
      await count(`SELECT count(*) AS n FROM assignments WHERE intern_id = $1 AND unassigned_at IS NULL`, [ines]),
    ).toBe(0);
    const places = await gql(`query($id: ID!) { mentor(id: $id) { placesLeft } }`, { id: bob }, await pm());
    expect(places.data!.mentor.placesLeft).toBe(1);
    const again = await assign(ines, bob);
    expect(codes(again)).toEqual(['CONFLICT']);
    expect(again.errors![0]!.message).toContain('WITHDRAWN');
  });
});

describe('concurrent assignments of a mentor’s last place', () => {
  const interns = [id('intern-race-1'), id('intern-race-2')];

  beforeAll(async () => {
    await scheduleCohort(cohort.race);
    for (const internId of interns) await enroll(cohort.race, internId, ['nlp']);
    await waitForInterns(cohort.race, 2);
  });

  it('gives one success and one CONFLICT, even with a wide race window, round after round', async () => {
    // Widen the window between counting the mentor's places and inserting the assignment: without
    // the lock on the mentor row both requests would count a free place and both would succeed.
    const repo = world.svc.app.get(AssignmentRepository);
    const original = repo.countActiveForMentor.bind(repo);
    const countedAt: number[] = [];
    const spy = jest
      .spyOn(repo, 'countActiveForMentor')
      .mockImplementation(async (tx: EntityManager, mentorId: string) => {
        const n = await original(tx, mentorId);
        countedAt.push(Date.now());
        await new Promise((r) => setTimeout(r, 300));
        return n;
      });
    try {
      const rounds: { mentorId: string; role: 'PRIMARY' | 'CO_MENTOR'; capacity: number; taken: number }[] = [
        { mentorId: id('mentor-last-1'), role: 'PRIMARY', capacity: 1, taken: 0 },
        { mentorId: id('mentor-last-2'), role: 'CO_MENTOR', capacity: 1, taken: 0 },
        { mentorId: id('mentor-last-3'), role: 'CO_MENTOR', capacity: 2, taken: 1 },
      ];
      const filler = id('intern-race-filler');
      await enroll(cohort.race, filler, ['nlp']);
      await waitForInterns(cohort.race, 3);
      for (const round of rounds) {
        await registerMentor(round.mentorId, { capacity: round.capacity, expertise: ['nlp'] });
        if (round.taken) expect((await assign(filler, round.mentorId, 'CO_MENTOR')).errors).toBeUndefined();
        countedAt.length = 0;
        const results = await Promise.all(interns.map((internId) => assign(internId, round.mentorId, round.role)));
        const ok = results.filter((r) => !r.errors);
        const refused = results.filter((r) => r.errors);
        expectLabelled(ok, round.mentorId).toHaveLength(1);
        expectLabelled(refused.map(codes), round.mentorId).toEqual([['CONFLICT']]);
        expect(refused[0]!.errors![0]!.message).toBe(
          `mentor ${round.mentorId} has no free place: ${round.capacity} of ${round.capacity} taken`,
        );
        // The second request counted only after the first had committed: it waited on the row lock.
        expect(countedAt).toHaveLength(2);
        expect(countedAt[1]! - countedAt[0]!).toBeGreaterThanOrEqual(280);
        expect(
          await count(`SELECT count(*) AS n FROM assignments WHERE mentor_id = $1 AND unassigned_at IS NULL`, [
            round.mentorId,
          ]),
        ).toBe(round.capacity);
        // Clear the race interns' primaries for the next round.
        for (const internId of interns) {
          await world.svc.dataSource.query(
            `UPDATE assignments SET unassigned_at = now(), end_reason = 'UNASSIGNED' WHERE intern_id = $1 AND role = 'PRIMARY' AND unassigned_at IS NULL`,
            [internId],
          );
        }
      }
    } finally {
      spy.mockRestore();
    }
    // Exactly one MentorAssigned per winning request reached Kafka.
    const assigned = await world.svc.probe.collectFor(
      mentorsMessages(MentorAssignedV1.type, (j) => j.mentorId === id('mentor-last-1')),
      2000,
    );
    expect(assigned).toHaveLength(1);
  });
});

describe('profile updates', () => {
  const dee = id('mentor-dee');
  const UPDATE = `mutation($input: UpdateMentorProfileInput!) {
    updateMentorProfile(input: $input) { id name expertise timezone capacity cohortIds placesLeft } }`;

  beforeAll(async () => {
    await registerMentor(dee, { capacity: 2 });
  });

  it('lets a PM change capacity and availability, and the mentor their own profile, with MentorProfileUpdated', async () => {
    const res = await gql(UPDATE, { input: { mentorId: dee, capacity: 3, cohortIds: [cohort.main] } }, await pm());
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateMentorProfile).toMatchObject({ capacity: 3, cohortIds: [cohort.main], placesLeft: 3 });
    const [event] = await world.svc.probe.waitFor(ofType(MentorProfileUpdatedV1.type, dee), { timeoutMs: 30_000 });
    expect(event!.json).toMatchObject({
      mentorId: dee,
      capacity: 3,
      cohortIds: [cohort.main],
      changedFields: ['capacity', 'cohortIds'],
    });

    const own = await gql(
      UPDATE,
      { input: { mentorId: dee, expertise: ['search', 'ranking'], cohortIds: null } },
      await asMentor(dee),
    );
    expect(own.errors).toBeUndefined();
    expect(own.data!.updateMentorProfile).toMatchObject({
      expertise: ['search', 'ranking'],
      cohortIds: null,
      capacity: 3,
    });
    expect(codes(await gql(UPDATE, { input: { mentorId: dee, name: 'X' } }, await asMentor(id('mentor-ada'))))).toEqual(
      ['FORBIDDEN'],
    );
  });

  it('refuses bad fields and a capacity below the mentor’s current interns', async () => {
    const bad = await gql(
      UPDATE,
      { input: { mentorId: dee, capacity: 0, timezone: 'Mars/Base', name: null } },
      await pm(),
    );
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0]!.extensions.fields!.map((f) => f.field)).toEqual(['name', 'timezone', 'capacity']);

    const cohortId = id('cohort-profile');
    await scheduleCohort(cohortId);
    await enroll(cohortId, id('p-1'), ['search']);
    await enroll(cohortId, id('p-2'), ['search']);
    await waitForInterns(cohortId, 2);
    expect((await assign(id('p-1'), dee)).errors).toBeUndefined();
    expect((await assign(id('p-2'), dee)).errors).toBeUndefined();
    const tooLow = await gql(UPDATE, { input: { mentorId: dee, capacity: 1 } }, await pm());
    expect(codes(tooLow)).toEqual(['CONFLICT']);
    expect(tooLow.errors![0]!.message).toContain('mentors 2 interns now');
    const exact = await gql(UPDATE, { input: { mentorId: dee, capacity: 2 } }, await pm());
    expect(exact.data!.updateMentorProfile).toMatchObject({ capacity: 2, placesLeft: 0 });
    expect(codes(await gql(UPDATE, { input: { mentorId: id('nobody'), capacity: 2 } }, await pm()))).toEqual([
      'NOT_FOUND',
    ]);
  });
});
