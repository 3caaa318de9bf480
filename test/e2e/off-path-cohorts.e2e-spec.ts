import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays } from '#ddd';
import { KafkaProbe, ofType } from '#testing';
import { codes, eventually, gql, signIn } from './support/client.js';
import { aCohort, anIntern, upcomingMonday } from './support/factories.js';

/**
 * Off the happy path for cohorts and enrollments through the gateway (SPEC §7): a PM changes a
 * cohort's name and capacity, moves the dates of a cohort still SCHEDULED (each intern's
 * Enrollment.calendar follows), is refused new dates once it started, and reinstates a withdrawn
 * intern while the cohort is in progress.
 */

const COHORTS_TOPIC = 'mentorflow.cohorts.events';
const COHORT_UPDATED = 'mentorflow.cohorts.CohortUpdated.v1';
const INTERN_REINSTATED = 'mentorflow.cohorts.InternReinstated.v1';

const SCHEDULE = `mutation ($input: ScheduleCohortInput!) { scheduleCohort(input: $input) { id startDate weeks status } }`;
const ENROLL = `mutation ($input: EnrollInternInput!) { enrollIntern(input: $input) { id status } }`;
const ADVANCE = `mutation ($input: AdvanceCohortClockInput!) { advanceCohortClock(input: $input) { status currentWeek } }`;
const UPDATE = `mutation ($input: UpdateCohortInput!) { updateCohort(input: $input) {
  id name capacity startDate weeks timezone status enrolledCount placesLeft
  calendar { keyDates { programEnd } } } }`;
const WITHDRAW = `mutation ($input: WithdrawInternInput!) { withdrawIntern(input: $input) { status } }`;
const REINSTATE = `mutation ($input: ReinstateInternInput!) { reinstateIntern(input: $input) {
  status endedAt cohort { enrolledCount } calendar { programWeeks } } }`;
const MY_CALENDAR = `{ me { enrollments { cohortId status calendar { programWeeks keyDates { programEnd } weeks { week startsOn } } } } }`;

let probe: KafkaProbe;
let pm: string;

beforeAll(async () => {
  probe = await KafkaProbe.start([COHORTS_TOPIC]);
  pm = await signIn('pm-off-path-cohorts', 'PROGRAM_MANAGER');
});

afterAll(async () => {
  await probe?.stop();
});

describe('off the happy path: cohorts and enrollments through the gateway', () => {
  it('changes name and capacity, moves the dates of a SCHEDULED cohort into the interns calendars, refuses them once started', async () => {
    const scheduled = await gql(
      SCHEDULE,
      { input: aCohort({ capacity: 3, startDate: upcomingMonday(2) }) },
      { token: pm },
    );
    expect(scheduled.errors).toBeUndefined();
    const cohortId: string = scheduled.data.scheduleCohort.id;
    const intern = anIntern(cohortId);
    expect((await gql(ENROLL, { input: intern }, { token: pm })).errors).toBeUndefined();
    expect((await gql(ENROLL, { input: anIntern(cohortId) }, { token: pm })).errors).toBeUndefined();
    const internToken = await signIn(intern.internId as string, 'INTERN');

    // Name and capacity; a capacity below the two enrolled is a CONFLICT.
    expect(codes(await gql(UPDATE, { input: { cohortId, capacity: 1 } }, { token: pm }))).toEqual(['CONFLICT']);
    const renamed = await gql(UPDATE, { input: { cohortId, name: 'Renamed cohort', capacity: 2 } }, { token: pm });
    expect(renamed.errors).toBeUndefined();
    expect(renamed.data.updateCohort).toMatchObject({ name: 'Renamed cohort', capacity: 2, placesLeft: 0 });
    // Only a PM; bad input names the field.
    expect(codes(await gql(UPDATE, { input: { cohortId, name: 'x' } }, { token: internToken }))).toEqual(['FORBIDDEN']);
    const bad = await gql(UPDATE, { input: { cohortId, weeks: 40 } }, { token: pm });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);

    // The dates move a week later and two weeks longer: the intern's own calendar follows.
    const newStart = upcomingMonday(3);
    const moved = await gql(UPDATE, { input: { cohortId, startDate: newStart, weeks: 14 } }, { token: pm });
    expect(moved.errors).toBeUndefined();
    const programEnd = addDays(newStart, 14 * 7 - 1);
    expect(moved.data.updateCohort).toMatchObject({
      startDate: newStart,
      weeks: 14,
      status: 'SCHEDULED',
      calendar: { keyDates: { programEnd } },
    });
    const mine = await gql(MY_CALENDAR, {}, { token: internToken });
    const enrollment = mine.data.me.enrollments.find((e: any) => e.cohortId === cohortId);
    expect(enrollment.calendar).toMatchObject({ programWeeks: 14, keyDates: { programEnd } });
    expect(enrollment.calendar.weeks[0]).toEqual({ week: 1, startsOn: newStart });
    const [updated] = await probe.waitFor(
      (m) => ofType(COHORT_UPDATED, cohortId)(m) && (m.json as { weeks: number }).weeks === 14,
    );
    expect(updated!.json).toMatchObject({ cohortId, startDate: newStart, weeks: 14, changed: ['startDate', 'weeks'] });

    // Once the cohort has started its dates stay.
    await gql(ADVANCE, { input: { cohortId, toWeek: 1 } }, { token: pm });
    expect(codes(await gql(UPDATE, { input: { cohortId, startDate: upcomingMonday(5) } }, { token: pm }))).toEqual([
      'CONFLICT',
    ]);
  });

  it('reinstates a withdrawn intern of a cohort in progress: ACTIVE again', async () => {
    const scheduled = await gql(SCHEDULE, { input: aCohort({ capacity: 2 }) }, { token: pm });
    const cohortId: string = scheduled.data.scheduleCohort.id;
    const intern = anIntern(cohortId);
    expect((await gql(ENROLL, { input: intern }, { token: pm })).errors).toBeUndefined();
    const internId = intern.internId as string;
    const internToken = await signIn(internId, 'INTERN');

    // Not withdrawn: CONFLICT.
    expect(codes(await gql(REINSTATE, { input: { cohortId, internId, reason: 'back' } }, { token: pm }))).toEqual([
      'CONFLICT',
    ]);
    await gql(ADVANCE, { input: { cohortId, toWeek: 2 } }, { token: pm });
    const withdrawn = await gql(WITHDRAW, { input: { cohortId, internId, reason: 'personal leave' } }, { token: pm });
    expect(withdrawn.data.withdrawIntern).toEqual({ status: 'WITHDRAWN' });

    expect(
      codes(await gql(REINSTATE, { input: { cohortId, internId, reason: 'back' } }, { token: internToken })),
    ).toEqual(['FORBIDDEN']);
    const back = await gql(REINSTATE, { input: { cohortId, internId, reason: 'back from leave' } }, { token: pm });
    expect(back.errors).toBeUndefined();
    expect(back.data.reinstateIntern).toEqual({
      status: 'ACTIVE',
      endedAt: null,
      cohort: { enrolledCount: 1 },
      calendar: { programWeeks: 12 },
    });
    await probe.waitFor(ofType(INTERN_REINSTATED, cohortId));
    await eventually(
      async () => {
        const me = await gql(MY_CALENDAR, {}, { token: internToken });
        return me.data?.me?.enrollments?.find((e: any) => e.cohortId === cohortId)?.status === 'ACTIVE';
      },
      { timeoutMs: 30_000, what: "the intern's own view of their enrollment" },
    );
  });
});
