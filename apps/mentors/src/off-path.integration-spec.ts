import 'reflect-metadata';
import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  CheckInMissedV2,
  CohortCompletedV1,
  CohortScheduledV1,
  CohortUpdatedV1,
  CohortWeekStartedV1,
  InternReinstatedV1,
  InternshipExtendedV1,
  InternshipExtensionRevokedV1,
  InternWithdrawnV1,
  MentorAssignedV1,
} from '#contracts';
import { addDays, zonedTimeToInstant } from '#ddd';
import { cohortScheduledData, eventually } from '#testing';
import {
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
 * The mentors service off the happy path (SPEC §7), against the real Postgres and Kafka (see
 * mentoring-world.ts): missed check-ins per intern and week, the last week included; the cohort
 * calendar following CohortUpdated; extensions revoked; a withdrawn intern reinstated.
 */
const world = mentoringWorld();
const { id, pmId, pm, gql, publish, count, enroll, waitForInterns, registerMentor, assign, checkInInput } = world;

const STATUS = `query($reps: [_Any!]!, $week: Int!) { _entities(representations: $reps) { ... on Intern {
  id checkInStatus(week: $week) { week state } } } }`;

async function consumed(eventId: string): Promise<void> {
  await eventually(
    async () =>
      (await count(`SELECT count(*) AS n FROM inbox WHERE consumer = $1 AND event_id = $2`, [
        world.svc.groupId,
        eventId,
      ])) === 1,
    { what: `event ${eventId} consumed` },
  );
}

async function send<T>(contract: Parameters<typeof cohortEvent<T>>[0], data: T, cohortId: string): Promise<string> {
  const event = cohortEvent(contract, data, cohortId);
  await publish(event, cohortId);
  return event.id;
}

function scheduled(cohortId: string, weeks: number) {
  return cohortScheduledData(cohortId, { startDate: START, weeks, capacity: 50, scheduledBy: pmId });
}

function extension(cohortId: string, internId: string, weeks: number, total: number, cohortWeeks: number) {
  return {
    enrollmentId: `enr-${internId}`,
    cohortId,
    internId,
    weeks,
    totalExtensionWeeks: total,
    programWeeks: cohortWeeks + total,
    newEndDate: addDays(START, (cohortWeeks + total) * 7 - 1),
    reason: 'midpoint',
    source: 'MIDPOINT_DECISION' as const,
    extendedAfterWeek: 1,
  };
}

describe('missed check-ins per intern and week, the last week included', () => {
  const cohortId = id('cohort-short');
  const dan = id('o-dan'); // primary m1, co-mentor m2: m2 checks in week 1
  const eve = id('o-eve'); // primary m1: nobody checks in
  const fay = id('o-fay'); // primary m3, extended by one week
  const m1 = id('o-m1');
  const m2 = id('o-m2');
  const m3 = id('o-m3');
  const missedOf = (j: any) => j.cohortId === cohortId;

  beforeAll(async () => {
    await publish(cohortEvent(CohortScheduledV1, scheduled(cohortId, 2), cohortId), cohortId);
    for (const i of [dan, eve, fay]) await enroll(cohortId, i, ['nlp']);
    await waitForInterns(cohortId, 3);
    for (const m of [m1, m2, m3]) await registerMentor(m, { capacity: 3, expertise: ['nlp'] });
    for (const [i, m, r] of [
      [dan, m1, 'PRIMARY'],
      [dan, m2, 'CO_MENTOR'],
      [eve, m1, 'PRIMARY'],
      [fay, m3, 'PRIMARY'],
    ] as const) {
      expect((await assign(i, m, r)).errors).toBeUndefined();
    }
    const week1 = weekStarted(cohortId, 1);
    await publish(week1, cohortId);
    await consumed(week1.id);
  });

  it('closes each week on the clock, the cohort’s last on CohortCompleted and an extended intern’s on the weeks after', async () => {
    // Week 1: only Dan's co-mentor and Fay's mentor check in.
    expect((await gql(LOG, { input: checkInInput(dan) }, await asMentor(m2))).errors).toBeUndefined();
    expect((await gql(LOG, { input: checkInInput(fay) }, await asMentor(m3))).errors).toBeUndefined();
    const week2 = weekStarted(cohortId, 2);
    await publish(week2, cohortId);
    await publish(week2, cohortId); // redelivered
    await consumed(week2.id);

    // Fay is extended by a week; nobody checks in in week 2.
    await consumed(await send(InternshipExtendedV1, extension(cohortId, fay, 1, 1, 2), cohortId));
    const completedAt = zonedTimeToInstant(addDays(START, 14), 'Europe/Berlin').toISOString();
    const completed = cohortEvent(CohortCompletedV1, { cohortId, completedAt, weeks: 2 }, cohortId);
    await publish(completed, cohortId);
    await consumed(completed.id);

    // The clock goes on for Fay: week 3 starts (closing week 2 again: nothing new), then week 4.
    for (const week of [3, 4]) {
      const startsOn = addDays(START, (week - 1) * 7);
      const event = cohortEvent(
        CohortWeekStartedV1,
        { cohortId, week, startsOn, endsOn: addDays(startsOn, 6), phase: 'COMPLETED', weeks: 2 },
        cohortId,
      );
      await publish(event, cohortId);
      await consumed(event.id);
    }

    const missed = await world.svc.probe.waitFor(mentorsMessages(CheckInMissedV2.type, missedOf), {
      count: 5,
      timeoutMs: 30_000,
    });
    const settled = await world.svc.probe.collectFor(mentorsMessages(CheckInMissedV2.type, missedOf), 3000);
    expect(settled).toHaveLength(5);
    const byWeek = (a: any, b: any) => a.week - b.week || a.internId.localeCompare(b.internId);
    expect(missed.map((m) => m.json).sort(byWeek)).toEqual(
      [
        { cohortId, internId: eve, week: 1, mentorIds: [m1], primaryMentorId: m1 },
        { cohortId, internId: dan, week: 2, mentorIds: [m1, m2], primaryMentorId: m1 },
        { cohortId, internId: eve, week: 2, mentorIds: [m1], primaryMentorId: m1 },
        { cohortId, internId: fay, week: 2, mentorIds: [m3], primaryMentorId: m3 },
        { cohortId, internId: fay, week: 3, mentorIds: [m3], primaryMentorId: m3 },
      ].sort(byWeek),
    );
    expect(missed.every((m) => m.key === (m.json as { internId: string }).internId)).toBe(true);

    const reps = [dan, eve].map((i) => ({ __typename: 'Intern', id: i }));
    const status = await gql(STATUS, { reps, week: 1 }, await pm());
    expect(status.data!._entities.map((e: any) => e.checkInStatus.state)).toEqual(['CHECKED_IN', 'MISSED']);
    const last = await gql(STATUS, { reps, week: 2 }, await pm());
    expect(last.data!._entities.map((e: any) => e.checkInStatus.state)).toEqual(['MISSED', 'MISSED']);
  });
});

describe('the cohort calendar and the intern’s extensions follow the cohorts context', () => {
  const cohortId = id('cohort-updated');
  const gil = id('o-gil');

  beforeAll(async () => {
    await publish(cohortEvent(CohortScheduledV1, scheduled(cohortId, 12), cohortId), cohortId);
    await enroll(cohortId, gil, ['nlp']);
    await waitForInterns(cohortId, 1);
  });

  const weekOfGil = async (week: number) =>
    gql(STATUS, { reps: [{ __typename: 'Intern', id: gil }], week }, await pm());

  it('takes the calendar of CohortUpdated: the program weeks follow', async () => {
    const { name, timezone, location, workMode, capacity } = scheduled(cohortId, 12);
    const updated = {
      cohortId,
      name,
      startDate: START,
      weeks: 6,
      timezone,
      location,
      workMode,
      capacity,
      changed: ['weeks' as const],
      updatedBy: pmId,
    };
    await consumed(await send(CohortUpdatedV1, updated, cohortId));
    expect(await count(`SELECT weeks AS n FROM cohorts WHERE cohort_id = $1`, [cohortId])).toBe(6);
    expect(codes(await weekOfGil(7))).toEqual(['BAD_USER_INPUT']);
    expect((await weekOfGil(6)).data!._entities[0].checkInStatus).toMatchObject({ week: 6, state: 'UPCOMING' });
  });

  it('replaces the intern’s extension when one is revoked', async () => {
    await consumed(await send(InternshipExtendedV1, extension(cohortId, gil, 2, 2, 6), cohortId));
    expect((await weekOfGil(8)).errors).toBeUndefined();
    await consumed(
      await send(
        InternshipExtensionRevokedV1,
        {
          enrollmentId: `enr-${gil}`,
          cohortId,
          internId: gil,
          revokedWeeks: 2,
          extensions: [],
          totalExtensionWeeks: 0,
          programWeeks: 6,
          newEndDate: addDays(START, 41),
          presentationsWeek: { startsOn: addDays(START, 35), endsOn: addDays(START, 41) },
          finalEvaluationsDue: addDays(START, 41),
          reason: 'midpoint decision corrected',
        },
        cohortId,
      ),
    );
    expect(await count(`SELECT extension_weeks AS n FROM interns WHERE intern_id = $1`, [gil])).toBe(0);
    expect(codes(await weekOfGil(7))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('a withdrawn intern reinstated', () => {
  const cohortId = id('cohort-reinstated');
  const hal = id('o-hal'); // withdrawn, then reinstated
  const ivy = id('o-ivy'); // takes hal's primary mentor's freed place meanwhile
  const full = id('o-m-full'); // capacity 1
  const co = id('o-m-co');

  it('is active again, with the assignments the withdrawal ended that still have a place', async () => {
    await publish(cohortEvent(CohortScheduledV1, scheduled(cohortId, 12), cohortId), cohortId);
    for (const i of [hal, ivy]) await enroll(cohortId, i, ['nlp']);
    await waitForInterns(cohortId, 2);
    await registerMentor(full, { capacity: 1, expertise: ['nlp'] });
    await registerMentor(co, { capacity: 2, expertise: ['nlp'] });
    expect((await assign(hal, full, 'PRIMARY')).errors).toBeUndefined();
    expect((await assign(hal, co, 'CO_MENTOR')).errors).toBeUndefined();

    await consumed(
      await send(
        InternWithdrawnV1,
        { enrollmentId: `enr-${hal}`, cohortId, internId: hal, reason: 'personal', withdrawnBy: pmId },
        cohortId,
      ),
    );
    expect((await assign(ivy, full, 'PRIMARY')).errors).toBeUndefined();

    const reinstated = cohortEvent(
      InternReinstatedV1,
      { enrollmentId: `enr-${hal}`, cohortId, internId: hal, reason: 'back', reinstatedBy: pmId },
      cohortId,
    );
    await publish(reinstated, cohortId);
    await publish(reinstated, cohortId); // redelivered
    await consumed(reinstated.id);

    const assigned = await world.svc.probe.waitFor(
      mentorsMessages(MentorAssignedV1.type, (j) => j.internId === hal && j.mentorId === co),
      { timeoutMs: 30_000 },
    );
    expect(assigned[0]!.json).toMatchObject({ cohortId, internId: hal, mentorId: co, role: 'CO_MENTOR' });
    const settled = await world.svc.probe.collectFor(
      mentorsMessages(MentorAssignedV1.type, (j) => j.internId === hal),
      3000,
    );
    // Once: the two initial assignments and the one restored (the full mentor's place is gone).
    expect(settled.map((m) => (m.json as { mentorId: string }).mentorId).sort()).toEqual([co, co, full].sort());
    expect(await count(`SELECT count(*) AS n FROM interns WHERE intern_id = $1 AND status = 'ACTIVE'`, [hal])).toBe(1);
    expect(
      await count(`SELECT count(*) AS n FROM assignments WHERE intern_id = $1 AND unassigned_at IS NULL`, [hal]),
    ).toBe(1);
    // Their mentor may log a check-in again.
    const week1 = weekStarted(cohortId, 1);
    await publish(week1, cohortId);
    await consumed(week1.id);
    expect((await gql(LOG, { input: checkInInput(hal) }, await asMentor(co))).errors).toBeUndefined();
  });
});
