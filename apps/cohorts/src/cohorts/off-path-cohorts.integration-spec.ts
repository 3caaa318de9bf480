import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { CohortUpdatedV1, InternReinstatedV1 } from '#contracts';
import { ofType } from '#testing';
import { weekStartsAt } from '#calendar';
import { cohortLifeWorld, fieldsOf, internInput, M } from '../testing/cohort-life-world.js';

/**
 * updateCohort and reinstateIntern (SPEC §7) against the real Postgres and Kafka: the dates of a
 * SCHEDULED cohort move with everything this service keeps from them (its row, its clock, the
 * cohort's and each intern's calendar), and a withdrawn intern comes back to the cohort in progress.
 */
const world = cohortLifeWorld();
const { run, clock, ids, gql, ok, fails } = world;

const UPDATE = `mutation ($input: UpdateCohortInput!) { updateCohort(input: $input) {
    id name capacity location workMode startDate weeks timezone status enrolledCount } }`;
const REINSTATE = `mutation ($input: ReinstateInternInput!) { reinstateIntern(input: $input) {
    status endedAt extensionWeeks calendar { programWeeks } cohort { enrolledCount } } }`;
const CALENDARS = `query ($id: ID!) { cohort(id: $id) { calendar { keyDates { programEnd } weeks { week startsOn } }
    enrollments { edges { node { internId calendar { programWeeks keyDates { programEnd } weeks { week startsOn } } } } } } }`;

describe('off the happy path: cohorts', () => {
  it('moves the dates of a SCHEDULED cohort: its clock and every calendar follow; refuses them once started', async () => {
    clock.current = new Date('2027-05-20T10:00:00Z');
    const cohort = await ok('pm', M.schedule, {
      name: `Movable ${run}`,
      startDate: '2027-06-07',
      weeks: 12,
      timezone: 'Europe/Berlin',
      location: 'Berlin',
      workMode: 'HYBRID',
      capacity: 3,
    });
    const cohortId: string = cohort.id;
    for (const i of [ids.i1, ids.i2]) await ok('pm', M.enroll, internInput(cohortId, i));

    const bad = await fails('pm', UPDATE, { cohortId, weeks: 30, startDate: '2027-06-08' });
    expect(bad.extensions.code).toBe('BAD_USER_INPUT');
    expect(fieldsOf(bad)).toEqual(['startDate', 'weeks']);
    expect((await fails('pm', UPDATE, { cohortId, capacity: 1 })).extensions.code).toBe('CONFLICT');
    expect((await fails('i1', UPDATE, { cohortId, name: 'x' })).extensions.code).toBe('FORBIDDEN');

    const moved = await ok('pm', UPDATE, {
      cohortId,
      name: `Moved ${run}`,
      capacity: 2,
      startDate: '2027-06-21',
      weeks: 10,
      timezone: 'America/New_York',
    });
    expect(moved).toMatchObject({
      name: `Moved ${run}`,
      capacity: 2,
      startDate: '2027-06-21',
      weeks: 10,
      timezone: 'America/New_York',
      status: 'SCHEDULED',
      enrolledCount: 2,
    });
    const calendars = (await gql('pm', CALENDARS, { id: cohortId })).data!.cohort;
    expect(calendars.calendar.keyDates.programEnd).toBe('2027-08-29');
    expect(calendars.calendar.weeks[0]).toEqual({ week: 1, startsOn: '2027-06-21' });
    for (const { node } of calendars.enrollments.edges) {
      expect(node.calendar).toMatchObject({ programWeeks: 10, keyDates: { programEnd: '2027-08-29' } });
      expect(node.calendar.weeks[0]).toEqual({ week: 1, startsOn: '2027-06-21' });
    }
    const rows = (await world.svc.dataSource.query(
      `SELECT kind, week, due_at FROM clock_events WHERE cohort_id = $1 ORDER BY seq`,
      [cohortId],
    )) as { kind: string; week: number; due_at: Date }[];
    expect(rows[0]).toMatchObject({ kind: 'COHORT_STARTED', week: 1 });
    expect(new Date(rows[0]!.due_at)).toEqual(weekStartsAt('2027-06-21', 1, 'America/New_York'));
    expect(rows.at(-1)).toMatchObject({ kind: 'COHORT_COMPLETED', week: 11 });
    expect(new Date(rows.at(-1)!.due_at)).toEqual(weekStartsAt('2027-06-21', 11, 'America/New_York'));

    const [updated] = await world.svc.probe.waitFor(ofType(CohortUpdatedV1.type, cohortId));
    expect(updated!.json).toMatchObject({
      cohortId,
      startDate: '2027-06-21',
      weeks: 10,
      timezone: 'America/New_York',
      changed: ['name', 'startDate', 'weeks', 'timezone', 'capacity'],
      updatedBy: ids.pm,
    });

    // Nothing changed: the cohort as it is, no event.
    expect(await ok('pm', UPDATE, { cohortId, weeks: 10, capacity: 2 })).toMatchObject({ weeks: 10 });

    await ok('pm', M.advance, { cohortId, toWeek: 2 });
    const late = await fails('pm', UPDATE, { cohortId, startDate: '2027-07-05', location: 'Boston' });
    expect(late.extensions.code).toBe('CONFLICT');
    expect(late.message).toMatch(/startDate can change only while the cohort is SCHEDULED/);
    expect(await ok('pm', UPDATE, { cohortId, location: 'Boston', workMode: 'REMOTE' })).toMatchObject({
      location: 'Boston',
      workMode: 'REMOTE',
      startDate: '2027-06-21',
    });
    await world.svc.probe.collectFor(() => false, 500);
    expect(world.svc.probe.messages.filter(ofType(CohortUpdatedV1.type, cohortId))).toHaveLength(2);
  });

  it('reinstates a withdrawn intern of a cohort in progress, when a place is free: ACTIVE, with their calendar and talks again', async () => {
    clock.current = new Date('2027-05-20T10:00:00Z');
    const cohort = await ok('pm', M.schedule, {
      name: `Reinstate ${run}`,
      startDate: '2027-06-07',
      weeks: 12,
      timezone: 'Europe/Berlin',
      location: 'Berlin',
      workMode: 'HYBRID',
      capacity: 2,
    });
    const cohortId: string = cohort.id;
    for (const i of [ids.i1, ids.i2]) await ok('pm', M.enroll, internInput(cohortId, i));
    await ok('pm', M.advance, { cohortId, toWeek: 3 });
    await ok('pm', M.extend, { cohortId, internId: ids.i1, weeks: 2, reason: 'late laptop' });
    await ok('pm', M.withdraw, { cohortId, internId: ids.i1, reason: 'family matters' });
    await ok('pm', M.enroll, internInput(cohortId, ids.i3)); // the place is taken

    const full = await fails('pm', REINSTATE, { cohortId, internId: ids.i1, reason: 'back' });
    expect(full.extensions.code).toBe('CONFLICT');
    expect(full.message).toMatch(/full/);
    expect((await fails('pm', REINSTATE, { cohortId, internId: ids.i2, reason: 'back' })).extensions.code).toBe(
      'CONFLICT',
    ); // not withdrawn
    expect(fieldsOf(await fails('pm', REINSTATE, { cohortId, internId: ids.i1, reason: ' ' }))).toEqual(['reason']);

    await ok('pm', UPDATE, { cohortId, capacity: 3 });
    const back = await ok('pm', REINSTATE, { cohortId, internId: ids.i1, reason: 'back from leave' });
    expect(back).toEqual({
      status: 'ACTIVE',
      endedAt: null,
      extensionWeeks: 2,
      calendar: { programWeeks: 14 },
      cohort: { enrolledCount: 3 },
    });
    const [reinstated] = await world.svc.probe.waitFor(ofType(InternReinstatedV1.type, cohortId));
    expect(reinstated!.json).toMatchObject({ internId: ids.i1, reason: 'back from leave', reinstatedBy: ids.pm });

    // A reinstated intern takes part again: an RSVP to a talk ahead.
    const talk = await ok('pm', M.talk, {
      cohortId,
      title: 'Back to work',
      speaker: 'Grace',
      startsAt: '2027-06-30T16:00:00+02:00',
      durationMinutes: 30,
    });
    expect(await ok('i1', M.rsvp, { talkId: talk.id })).toMatchObject({ rsvpCount: 1, rsvpedByMe: true });
    expect((await fails('pm', REINSTATE, { cohortId, internId: ids.i1, reason: 'again' })).extensions.code).toBe(
      'CONFLICT',
    );
  });
});
