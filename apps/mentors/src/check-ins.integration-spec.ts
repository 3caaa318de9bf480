import 'reflect-metadata';
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { CheckInLoggedV1, CheckInMissedV2, InternWithdrawnV1 } from '#contracts';
import { addDays } from '#ddd';
import { eventually, ofType } from '#testing';
import { CheckInRepository } from './check-ins/persistence/check-in.repository.js';
import {
  asIntern,
  asMentor,
  codes,
  cohortEvent,
  LOG,
  mentoringWorld,
  mentorsMessages,
  START,
  weekStarted,
} from './testing/mentoring-world.js';

/**
 * Check-ins against the real Postgres and Kafka (see mentoring-world.ts): who may log them, who
 * sees their private notes, and missed check-ins detected once per intern and week however often
 * the week's event arrives.
 */
const world = mentoringWorld();
const {
  run,
  id,
  cohort,
  pmId,
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

describe('check-ins and missed check-ins', () => {
  const ana = id('c-ana'); // primary: xavi (logs week 1), co-mentor: zoe (does not)
  const ben = id('c-ben'); // primary: yuki (does not log week 1)
  const cat = id('c-cat'); // primary: yuki; withdrawn before week 2: no miss
  const xavi = id('c-xavi');
  const yuki = id('c-yuki');
  const zoe = id('c-zoe');
  const stranger = id('c-stranger');

  const HISTORY = `query($reps: [_Any!]!, $first: Int, $after: String) { _entities(representations: $reps) { ... on Intern {
    id checkIns(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { id occurredOn week notes privateNotes mentor { id } } } } } } }`;
  const STATUS = `query($reps: [_Any!]!, $week: Int!) { _entities(representations: $reps) { ... on Intern {
    id checkInStatus(week: $week) { week startsOn endsOn state checkIns { id privateNotes } mentors { mentorId role state mentor { id } } } } } }`;

  beforeAll(async () => {
    await scheduleCohort(cohort.clock);
    await enroll(cohort.clock, ana, ['nlp']);
    await enroll(cohort.clock, ben, ['nlp']);
    await enroll(cohort.clock, cat, ['nlp']);
    await waitForInterns(cohort.clock, 3);
    for (const m of [xavi, yuki, zoe, stranger]) await registerMentor(m, { capacity: 3, expertise: ['nlp'] });
    for (const [i, m, r] of [
      [ana, xavi, 'PRIMARY'],
      [ana, zoe, 'CO_MENTOR'],
      [ben, yuki, 'PRIMARY'],
      [cat, yuki, 'PRIMARY'],
    ] as const) {
      expect((await assign(i, m, r)).errors).toBeUndefined();
    }
    // The cohort's clock (sandbox-style: ahead of real time) moves to week 1.
    await publish(weekStarted(cohort.clock, 1), cohort.clock);
    await eventually(
      async () =>
        (await count(`SELECT count(*) AS n FROM cohorts WHERE cohort_id = $1 AND current_week = 1`, [cohort.clock])) ===
        1,
      { what: 'the cohort clock at week 1' },
    );
  });

  it('lets the intern’s mentor log a check-in in its program week, publishing CheckInLogged without notes', async () => {
    const res = await gql(LOG, { input: checkInInput(ana) }, await asMentor(xavi));
    expect(res.errors).toBeUndefined();
    expect(res.data!.logCheckIn).toMatchObject({
      week: 1,
      occurredOn: addDays(START, 1),
      privateNotes: `private-${run}: worried about their workload`,
      mentor: { id: xavi },
      intern: { id: ana },
    });
    const [message] = await world.svc.probe.waitFor(ofType(CheckInLoggedV1.type, ana), { timeoutMs: 30_000 });
    expect(message!.json).toEqual({
      checkInId: res.data!.logCheckIn.id,
      cohortId: cohort.clock,
      internId: ana,
      mentorId: xavi,
      occurredOn: addDays(START, 1),
      week: 1,
      durationMinutes: 30,
      format: 'video call',
      progress: 'ON_TRACK',
      blockerCount: 1,
    });
    expect(message!.value).not.toContain('private');
    expect(message!.value).not.toContain('data pipeline');
  });

  it('refuses a check-in for someone else’s intern with FORBIDDEN, writing nothing', async () => {
    const before = await count(`SELECT count(*) AS n FROM check_ins`);
    const res = await gql(LOG, { input: checkInInput(ben) }, await asMentor(xavi));
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(codes(await gql(LOG, { input: checkInInput(id('nobody')) }, await asMentor(xavi)))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(LOG, { input: checkInInput(ana) }, await pm()))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(LOG, { input: checkInInput(ana) }, await asIntern(ana)))).toEqual(['FORBIDDEN']);
    expect(await count(`SELECT count(*) AS n FROM check_ins`)).toBe(before);
  });

  it('refuses bad check-ins with BAD_USER_INPUT naming the fields', async () => {
    const res = await gql(
      LOG,
      {
        input: checkInInput(ana, {
          occurredOn: addDays(START, 8),
          durationMinutes: 0,
          format: ' ',
          blockers: ['ok', ''],
        }),
      },
      await asMentor(xavi),
    );
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0]!.extensions.fields!.map((f) => f.field)).toEqual([
      'occurredOn',
      'durationMinutes',
      'format',
      'blockers[1]',
    ]);
  });

  it('shows the history newest first, in pages, with private notes for the author and PMs only', async () => {
    // Two more by xavi; the co-mentor zoe stays silent in week 1.
    for (const day of [0, 2]) {
      const r = await gql(
        LOG,
        { input: checkInInput(ana, { occurredOn: addDays(START, day), notes: `day ${day}` }) },
        await asMentor(xavi),
      );
      expect(r.errors).toBeUndefined();
    }
    const reps = [{ __typename: 'Intern', id: ana }];
    const first = await gql(HISTORY, { reps, first: 2 }, await pm());
    const conn = first.data!._entities[0].checkIns;
    expect(conn.totalCount).toBe(3);
    expect(conn.pageInfo.hasNextPage).toBe(true);
    expect(conn.edges.map((e: any) => e.node.occurredOn)).toEqual([addDays(START, 2), addDays(START, 1)]);
    const second = await gql(HISTORY, { reps, first: 2, after: conn.pageInfo.endCursor }, await pm());
    expect(second.data!._entities[0].checkIns.edges.map((e: any) => e.node.occurredOn)).toEqual([START]);
    expect(second.data!._entities[0].checkIns.pageInfo.hasNextPage).toBe(false);

    const notesSeenBy = async (token: string) =>
      (await gql(HISTORY, { reps, first: 10 }, token)).data!._entities[0].checkIns.edges.map(
        (e: any) => e.node.privateNotes,
      );
    const privateText = `private-${run}: worried about their workload`;
    expect(await notesSeenBy(await pm())).toEqual([privateText, privateText, privateText]);
    expect(await notesSeenBy(await asMentor(xavi))).toEqual([privateText, privateText, privateText]);
    expect(await notesSeenBy(await asMentor(zoe))).toEqual([null, null, null]); // co-mentor: sees the check-ins, not the notes
    expect(await notesSeenBy(await asIntern(ana))).toEqual([null, null, null]);
    // On the week-status path too.
    const status = await gql(STATUS, { reps, week: 1 }, await asIntern(ana));
    expect(status.data!._entities[0].checkInStatus.checkIns.map((c: any) => c.privateNotes)).toEqual([
      null,
      null,
      null,
    ]);
    // Not their mentee, not themself: nothing at all.
    const outsider = await gql(HISTORY, { reps, first: 10 }, await asMentor(stranger));
    expect(outsider.data!._entities[0].checkIns).toMatchObject({ totalCount: 0, edges: [] });
    expect((await gql(HISTORY, { reps, first: 10 }, await asIntern(ben))).data!._entities[0].checkIns.totalCount).toBe(
      0,
    );
    expect(codes(await gql(HISTORY, { reps, after: 'garbage' }, await pm()))).toEqual(['BAD_USER_INPUT']);
  });

  it('batches Intern.checkIns for many interns into one query', async () => {
    const spy = jest.spyOn(world.svc.app.get(CheckInRepository), 'pagesForInterns');
    const reps = [ana, ben, cat].map((i) => ({ __typename: 'Intern', id: i }));
    const res = await gql(HISTORY, { reps, first: 5 }, await pm());
    expect(res.errors).toBeUndefined();
    expect(spy).toHaveBeenCalledTimes(1);
    expect([...spy.mock.calls[0]![0]].sort()).toEqual([ana, ben, cat].sort());
    spy.mockRestore();
    expect(res.data!._entities.map((e: any) => e.checkIns.totalCount)).toEqual([3, 0, 0]);
  });

  it('emits CheckInMissed v2 once per intern none of whose mentors checked in, even when the event comes again', async () => {
    // Cat leaves before week 2 starts: her pair is no longer active.
    await publish(
      cohortEvent(
        InternWithdrawnV1,
        { enrollmentId: `enr-${cat}`, cohortId: cohort.clock, internId: cat, reason: 'personal', withdrawnBy: pmId },
        cohort.clock,
      ),
      cohort.clock,
    );
    const week2 = weekStarted(cohort.clock, 2);
    const week2Again = weekStarted(cohort.clock, 2); // the same week, another event id (a republished tick)
    await publish(week2, cohort.clock);
    await publish(week2, cohort.clock); // the same CloudEvent redelivered
    await publish(week2Again, cohort.clock);

    const missed = await world.svc.probe.waitFor(
      mentorsMessages(CheckInMissedV2.type, (j) => j.cohortId === cohort.clock),
      {
        count: 1,
        timeoutMs: 30_000,
      },
    );
    await eventually(
      async () =>
        (await count(`SELECT count(*) AS n FROM inbox WHERE consumer = $1 AND event_id = ANY($2)`, [
          world.svc.groupId,
          [week2.id, week2Again.id],
        ])) === 2,
      { what: 'both week-2 events consumed' },
    );
    const settled = await world.svc.probe.collectFor(
      mentorsMessages(CheckInMissedV2.type, (j) => j.cohortId === cohort.clock),
      3000,
    );
    // Ana's primary mentor checked in (her co-mentor did not): her week is not missed.
    expect(settled).toHaveLength(1);
    expect(missed.map((m) => m.json)).toEqual([
      { cohortId: cohort.clock, internId: ben, week: 1, mentorIds: [yuki], primaryMentorId: yuki },
    ]);
    expect(missed.every((m) => m.key === (m.json as { internId: string }).internId)).toBe(true);
    expect(
      await count(`SELECT count(*) AS n FROM inbox WHERE consumer = $1 AND event_id = $2`, [
        world.svc.groupId,
        week2.id,
      ]),
    ).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM missed_intern_weeks WHERE cohort_id = $1`, [cohort.clock])).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM missed_check_ins WHERE cohort_id = $1`, [cohort.clock])).toBe(1);
  });

  it('shows each week’s state per intern and per mentor', async () => {
    const reps = [ana, ben].map((i) => ({ __typename: 'Intern', id: i }));
    const week1 = await gql(STATUS, { reps, week: 1 }, await pm());
    expect(week1.errors).toBeUndefined();
    const [a, b] = week1.data!._entities;
    expect(a.checkInStatus).toMatchObject({ week: 1, startsOn: START, endsOn: addDays(START, 6), state: 'CHECKED_IN' });
    expect(a.checkInStatus.mentors).toEqual([
      { mentorId: xavi, role: 'PRIMARY', state: 'CHECKED_IN', mentor: { id: xavi } },
      // The intern's week had a check-in: nobody missed it, the co-mentor's silence included.
      { mentorId: zoe, role: 'CO_MENTOR', state: 'NOT_EXPECTED', mentor: { id: zoe } },
    ]);
    expect(b.checkInStatus).toMatchObject({
      state: 'MISSED',
      mentors: [{ mentorId: yuki, role: 'PRIMARY', state: 'MISSED' }],
    });
    const week2 = await gql(STATUS, { reps, week: 2 }, await pm());
    expect(week2.data!._entities.map((e: any) => e.checkInStatus.state)).toEqual(['DUE', 'DUE']);
    const week5 = await gql(STATUS, { reps, week: 5 }, await asIntern(ana));
    expect(week5.data!._entities[0].checkInStatus.state).toBe('UPCOMING');
    expect(week5.data!._entities[1].checkInStatus).toBeNull(); // ana may not see ben
    expect(codes(await gql(STATUS, { reps, week: 13 }, await pm()))).toContain('BAD_USER_INPUT');
  });
});
