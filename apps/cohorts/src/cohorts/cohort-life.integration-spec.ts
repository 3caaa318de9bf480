import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import { describe, expect, it } from '@jest/globals';
import {
  InternshipExtendedV1,
  InternWithdrawnV1,
  OnboardingCompletedV1,
  OnboardingTaskCompletedV1,
  PresentationBookingCancelledV1,
  PresentationSlotBookedV1,
  TechTalkAttendedV1,
  TechTalkRsvpedV1,
} from '#contracts';
import { ofType } from '#testing';
import { cohortLifeWorld, fieldsOf, internInput, M } from '../testing/cohort-life-world.js';
import { EnrollmentStatus } from '../enrollments/domain/enrollment.js';
import { PresentationSlotRepository } from '../presentations/persistence/presentation-slot.repository.js';

/**
 * A cohort's whole life through the service's GraphQL API and its .ics routes, in-process
 * against the real Postgres and Kafka, with time in the test's hands (see cohort-life-world.ts):
 * onboarding, tech talks, presentation slots (concurrent bookings of one slot), withdrawals,
 * extensions and the calendar export. The evaluation decisions it consumes:
 * evaluation-decisions.integration-spec.ts.
 */
const world = cohortLifeWorld();
const { run, clock, ids, tokens, gql, ok, fails } = world;

describe("a cohort's life", () => {
  let cohortId: string;
  let talkId: string;
  let slots: { id: string; startsAt: string }[];

  it('onboarding: the PM edits the checklist before the start; each intern completes their own tasks once the cohort started', async () => {
    clock.current = new Date('2027-05-20T10:00:00Z');
    const cohort = await ok('pm', M.schedule, {
      name: `Life ${run}`,
      startDate: '2027-06-07',
      weeks: 12,
      timezone: 'Europe/Berlin',
      location: 'Berlin',
      workMode: 'HYBRID',
      capacity: 5,
    });
    cohortId = cohort.id;
    expect(cohort.onboardingChecklist.length).toBeGreaterThanOrEqual(5);
    for (const i of ['i1', 'i2', 'i3'] as const) await ok('pm', M.enroll, internInput(cohortId, ids[i]));

    const kept = cohort.onboardingChecklist[0];
    const bad = await fails('pm', M.checklist, { cohortId, tasks: [{ id: 'nope', title: '' }] });
    expect(bad.extensions.code).toBe('BAD_USER_INPUT');
    // what the input shows on its own is refused first, before the cohort is even read
    expect(fieldsOf(bad)).toEqual(['tasks[0].title']);
    const unknownTask = await fails('pm', M.checklist, { cohortId, tasks: [{ id: 'nope', title: 'Laptop' }] });
    expect(fieldsOf(unknownTask)).toEqual(['tasks[0].id']);
    const edited = await ok('pm', M.checklist, {
      cohortId,
      tasks: [
        { id: kept.id, title: kept.title },
        { title: 'Pair with your buddy', description: 'Half a day with a buddy from the team' },
      ],
    });
    expect(edited.onboardingChecklist.map((t: any) => t.title)).toEqual([kept.title, 'Pair with your buddy']);
    const [task1, task2] = edited.onboardingChecklist as { id: string }[];
    expect(task1!.id).toBe(kept.id);

    expect((await fails('i1', M.complete, { cohortId, taskId: task1!.id })).extensions.code).toBe('CONFLICT'); // not started yet

    const started = await ok('pm', M.advance, { cohortId, toWeek: 1 });
    expect(started).toMatchObject({ status: 'IN_PROGRESS', currentWeek: 1, currentPhase: 'ONBOARDING' });
    expect((await fails('pm', M.checklist, { cohortId, tasks: [{ title: 'Too late' }] })).extensions.code).toBe(
      'CONFLICT',
    );

    const first = await ok('i1', M.complete, { cohortId, taskId: task1!.id });
    expect(first).toMatchObject({
      status: 'ONBOARDING',
      onboarding: { completedCount: 1, totalCount: 2, completedAt: null },
    });
    const again = await ok('i1', M.complete, { cohortId, taskId: task1!.id });
    expect(again.onboarding.completedCount).toBe(1);
    const done = await ok('i1', M.complete, { cohortId, taskId: task2!.id });
    expect(done.status).toBe('ACTIVE');
    expect(done.onboarding.completedAt).not.toBeNull();

    expect((await fails('pm', M.complete, { cohortId, taskId: task1!.id })).extensions.code).toBe('FORBIDDEN');
    expect((await fails('outsider', M.complete, { cohortId, taskId: task1!.id })).extensions.code).toBe('FORBIDDEN');
    expect((await fails('i2', M.complete, { cohortId, taskId: randomUUID() })).extensions.code).toBe('NOT_FOUND');

    const events = await world.svc.probe.waitFor(ofType(OnboardingTaskCompletedV1.type, cohortId), { count: 2 });
    expect(events.map((m) => (m.json as { taskId: string }).taskId)).toEqual([task1!.id, task2!.id]);
    const [completed] = await world.svc.probe.waitFor(ofType(OnboardingCompletedV1.type, cohortId));
    expect(completed!.json).toMatchObject({ cohortId, internId: ids.i1 });
    const statuses = await gql(
      'pm',
      `query ($id: ID!) { cohort(id: $id) { enrollments { edges { node { internId status } } } } }`,
      { id: cohortId },
    );
    expect(
      Object.fromEntries(statuses.data!.cohort.enrollments.edges.map((e: any) => [e.node.internId, e.node.status])),
    ).toEqual({
      [ids.i1]: 'ACTIVE',
      [ids.i2]: 'ONBOARDING',
      [ids.i3]: 'ONBOARDING',
    });
  });

  it('tech talks: scheduled inside the cohort dates, RSVPs before, attendance after, counted on the talk and the intern', async () => {
    const bad = await fails('pm', M.talk, {
      cohortId,
      title: '',
      speaker: 'Grace',
      startsAt: '2027-09-01T16:00:00+02:00',
      durationMinutes: 1000,
      joinUrl: 'not a url',
    });
    expect(bad.extensions.code).toBe('BAD_USER_INPUT');
    expect(fieldsOf(bad)).toEqual(['durationMinutes', 'joinUrl', 'title']);
    // a well-formed time outside the cohort's dates is judged against the stored cohort
    const outside = await fails('pm', M.talk, {
      cohortId,
      title: 'Compilers',
      speaker: 'Grace',
      startsAt: '2027-09-01T16:00:00+02:00',
      durationMinutes: 60,
    });
    expect(fieldsOf(outside)).toEqual(['startsAt']);

    const talk = await ok('pm', M.talk, {
      cohortId,
      title: 'Ranking at scale',
      speaker: 'Grace',
      abstract: 'Retrieval, ranking; re-ranking',
      startsAt: '2027-06-15T16:00:00+02:00',
      durationMinutes: 45,
      joinUrl: 'https://meet.example.com/ranking',
    });
    talkId = talk.id;
    expect(talk).toMatchObject({
      startsAt: '2027-06-15T14:00:00.000Z',
      endsAt: '2027-06-15T14:45:00.000Z',
      rsvpCount: 0,
    });

    expect(await ok('i1', M.rsvp, { talkId })).toMatchObject({ rsvpCount: 1, rsvpedByMe: true });
    expect(await ok('i1', M.rsvp, { talkId })).toMatchObject({ rsvpCount: 1 }); // once
    expect(await ok('i2', M.rsvp, { talkId })).toMatchObject({ rsvpCount: 2 });
    expect((await fails('outsider', M.rsvp, { talkId })).extensions.code).toBe('FORBIDDEN');
    expect((await fails('pm', M.attend, { talkId, internIds: [ids.i1] })).extensions.code).toBe('CONFLICT'); // not started

    await ok('pm', M.advance, { cohortId, toWeek: 3 });
    expect((await fails('i3', M.rsvp, { talkId })).extensions.code).toBe('CONFLICT'); // it is over
    const unknown = await fails('pm', M.attend, { talkId, internIds: [ids.i1, ids.outsider] });
    expect(fieldsOf(unknown)).toEqual(['internIds[1]']);
    expect(await ok('pm', M.attend, { talkId, internIds: [ids.i1, ids.i3] })).toMatchObject({
      rsvpCount: 2,
      attendanceCount: 2,
    });
    expect(await ok('pm', M.attend, { talkId, internIds: [ids.i1] })).toMatchObject({ attendanceCount: 2 }); // once

    await world.svc.probe.waitFor(ofType(TechTalkRsvpedV1.type, cohortId), { count: 2 });
    const attended = await world.svc.probe.waitFor(ofType(TechTalkAttendedV1.type, cohortId), { count: 2 });
    expect(attended.map((m) => (m.json as { internId: string }).internId).sort()).toEqual([ids.i1, ids.i3].sort());

    const INTERN = `query ($id: ID!) { intern(id: $id) { talkAttendance { talks rsvped attended }
        techTalks(first: 5) { totalCount edges { node { rsvped attended talk { id title attendedByMe } } } } } }`;
    const mine = await gql('i1', INTERN, { id: ids.i1 });
    expect(mine.data!.intern).toEqual({
      talkAttendance: { talks: 1, rsvped: 1, attended: 1 },
      techTalks: {
        totalCount: 1,
        edges: [
          {
            node: { rsvped: true, attended: true, talk: { id: talkId, title: 'Ranking at scale', attendedByMe: true } },
          },
        ],
      },
    });
    expect((await gql('pm', INTERN, { id: ids.i2 })).data!.intern.talkAttendance).toEqual({
      talks: 1,
      rsvped: 1,
      attended: 0,
    });
    expect((await gql('i1', INTERN, { id: ids.i2 })).data!.intern).toBeNull(); // not theirs to see
  });

  it('the clock never moves backwards and stops at weeks + 1', async () => {
    expect((await fails('pm', M.advance, { cohortId, toWeek: 2 })).extensions.code).toBe('CONFLICT');
    expect(await ok('pm', M.advance, { cohortId, toWeek: 3 })).toMatchObject({ currentWeek: 3 }); // where it is: nothing to do
    const tooFar = await fails('pm', M.advance, { cohortId, toWeek: 14 });
    expect(tooFar.extensions.code).toBe('BAD_USER_INPUT');
    expect(fieldsOf(tooFar)).toEqual(['toWeek']);
    expect((await fails('i1', M.advance, { cohortId, toWeek: 4 })).extensions.code).toBe('FORBIDDEN');
  });

  it('presentation slots: opened in the presentations week with registered panels; of two concurrent bookings of one slot one succeeds and one is a CONFLICT', async () => {
    await ok('pm', M.advance, { cohortId, toWeek: 12 });
    const bad = await fails('pm', M.open, {
      cohortId,
      slots: [
        { startsAt: '2027-08-24T10:00:00+02:00', durationMinutes: 30, panelMentorIds: [ids.m1] },
        { startsAt: '2027-08-17T10:00:00+02:00', durationMinutes: 30, panelMentorIds: [ids.m1] },
        { startsAt: '2027-08-25T10:00:00+02:00', durationMinutes: 30, panelMentorIds: ['nobody'] },
      ],
    });
    expect(fieldsOf(bad)).toEqual(['slots[1].startsAt', 'slots[2].panelMentorIds[0]']);

    slots = await ok('pm', M.open, {
      cohortId,
      slots: [
        { startsAt: '2027-08-24T10:00:00+02:00', durationMinutes: 30, panelMentorIds: [ids.m1, ids.m2] },
        { startsAt: '2027-08-24T10:30:00+02:00', durationMinutes: 30, panelMentorIds: [ids.m1] },
        { startsAt: '2027-08-24T11:00:00+02:00', durationMinutes: 30, panelMentorIds: [ids.m2] },
      ],
    });
    expect(slots).toHaveLength(3);
    expect((slots[0] as any).panel).toEqual([
      { id: ids.m1, name: `Mentor ${ids.m1}` },
      { id: ids.m2, name: `Mentor ${ids.m2}` },
    ]);

    const [a, b] = await Promise.all([
      gql('i1', M.book, { input: { slotId: slots[0]!.id } }),
      gql('i2', M.book, { input: { slotId: slots[0]!.id } }),
    ]);
    const results = [a, b];
    const winners = results.filter((r) => !r.errors);
    const losers = results.filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(losers[0]!.errors![0]!.extensions.code).toBe('CONFLICT');
    const winner = a.errors ? 'i2' : 'i1';
    const loser = a.errors ? 'i1' : 'i2';
    expect(winners[0]!.data!.bookPresentationSlot).toMatchObject({
      booked: true,
      bookedByMe: true,
      internId: ids[winner],
    });
    const [booked] = await world.svc.probe.waitFor(ofType(PresentationSlotBookedV1.type, cohortId));
    expect(booked!.json).toMatchObject({ slotId: slots[0]!.id, internId: ids[winner] });

    // Even when both bookings read the slot as free, the database lets exactly one of them claim it.
    const [raced] = await ok('pm', M.open, {
      cohortId,
      slots: [{ startsAt: '2027-08-27T10:00:00+02:00', durationMinutes: 30, panelMentorIds: [ids.m2] }],
    });
    const repo = world.svc.app.get(PresentationSlotRepository);
    let arrived = 0;
    let bothRead!: () => void;
    const barrier = new Promise<void>((resolve) => (bothRead = resolve));
    const attempt = (internId: string) =>
      world.svc.dataSource.transaction(async (tx) => {
        const slot = (await repo.find(tx, raced.id))!;
        slot.book(internId, {
          enrollmentStatus: EnrollmentStatus.ACTIVE,
          presentationsWeek: {
            startsOn: '2027-08-23',
            endsOn: '2027-08-29',
            startsAt: new Date('2027-08-22T22:00:00Z'),
            endsAt: new Date('2027-08-29T22:00:00Z'),
          },
          timezone: 'Europe/Berlin',
          currentBooking: null,
          programNow: clock.now(),
          now: clock.now(),
        });
        if (++arrived === 2) bothRead();
        await barrier;
        return repo.claim(tx, slot);
      });
    expect((await Promise.all([attempt(`racer-a-${run}`), attempt(`racer-b-${run}`)])).sort()).toEqual([false, true]);
    const [{ booked_by: racedBy }] = (await world.svc.dataSource.query(
      `SELECT booked_by FROM presentation_slots WHERE id = $1`,
      [raced.id],
    )) as {
      booked_by: string;
    }[];
    await world.svc.dataSource.transaction((tx) => repo.release(tx, raced.id, racedBy));

    // One booking per intern: the winner cannot take another; the loser books another slot.
    expect((await fails(winner, M.book, { slotId: slots[1]!.id })).extensions.code).toBe('CONFLICT');
    await ok(loser, M.book, { slotId: slots[1]!.id });
    // Another intern sees that a slot is taken, not by whom; cannot cancel it.
    const seen = await gql(
      'i3',
      `query ($id: ID!) { cohort(id: $id) { calendar { presentationSlots(first: 10) {
        totalCount edges { node { id booked bookedByMe internId } } } } } }`,
      { id: cohortId },
    );
    expect(seen.data!.cohort.calendar.presentationSlots.edges.map((e: any) => e.node)).toEqual([
      { id: slots[0]!.id, booked: true, bookedByMe: false, internId: null },
      { id: slots[1]!.id, booked: true, bookedByMe: false, internId: null },
      { id: slots[2]!.id, booked: false, bookedByMe: false, internId: null },
      { id: raced.id, booked: false, bookedByMe: false, internId: null },
    ]);
    expect((await fails('i3', M.cancelBooking, { slotId: slots[0]!.id })).extensions.code).toBe('FORBIDDEN');

    // Cancel and rebook before the slot starts.
    expect(await ok(winner, M.cancelBooking, { slotId: slots[0]!.id })).toMatchObject({ booked: false });
    await world.svc.probe.waitFor(ofType(PresentationBookingCancelledV1.type, cohortId));
    await ok(winner, M.book, { slotId: slots[2]!.id });
    await ok('i3', M.book, { slotId: slots[0]!.id });
  });

  it('extends an intern: their dates move (not the cohort’s), a booking outside their new presentations week is cancelled; at most 5 weeks in total', async () => {
    const extended = await ok('pm', M.extend, {
      cohortId,
      internId: ids.i3,
      weeks: 2,
      reason: 'Project needs more time',
    });
    expect(extended).toMatchObject({
      status: 'ONBOARDING',
      extensionWeeks: 2,
      extensions: [{ weeks: 2, afterWeek: 11, source: 'PROGRAM_MANAGER', reason: 'Project needs more time' }],
      calendar: {
        programWeeks: 14,
        extensionWeeks: 2,
        keyDates: {
          presentationsWeek: { startsOn: '2027-09-06', endsOn: '2027-09-12' },
          finalEvaluationsDue: '2027-09-12',
          programEnd: '2027-09-12',
        },
      },
      presentationSlot: null,
    });
    expect(extended.calendar.weeks.filter((w: any) => w.extension).map((w: any) => w.week)).toEqual([12, 13]);
    const [event] = await world.svc.probe.waitFor(ofType(InternshipExtendedV1.type, cohortId));
    expect(event!.json).toEqual({
      enrollmentId: expect.any(String),
      cohortId,
      internId: ids.i3,
      weeks: 2,
      totalExtensionWeeks: 2,
      programWeeks: 14,
      newEndDate: '2027-09-12',
      reason: 'Project needs more time',
      source: 'PROGRAM_MANAGER',
      extendedAfterWeek: 11,
      presentationsWeek: { startsOn: '2027-09-06', endsOn: '2027-09-12' },
      finalEvaluationsDue: '2027-09-12',
    });
    const [cancelled] = await world.svc.probe.waitFor(
      (m) => ofType(PresentationBookingCancelledV1.type, cohortId)(m) && (m.json as any).internId === ids.i3,
    );
    expect(cancelled!.json).toMatchObject({ slotId: slots[0]!.id });

    // The cohort's own calendar did not move.
    const cohort = await gql('pm', `query ($id: ID!) { cohort(id: $id) { calendar { keyDates { programEnd } } } }`, {
      id: cohortId,
    });
    expect(cohort.data!.cohort.calendar.keyDates.programEnd).toBe('2027-08-29');

    const tooMuch = await fails('pm', M.extend, { cohortId, internId: ids.i3, weeks: 4, reason: 'more' });
    expect(tooMuch.extensions.code).toBe('BAD_USER_INPUT');
    expect(fieldsOf(tooMuch)).toEqual(['weeks']);

    // A slot in the intern's new presentations week can be opened and booked by them, and only them.
    const [late] = await ok('pm', M.open, {
      cohortId,
      slots: [{ startsAt: '2027-09-07T10:00:00+02:00', durationMinutes: 45, panelMentorIds: [ids.m1] }],
    });
    expect((await fails('i1', M.cancelBooking, { slotId: late.id })).extensions.code).toBe('CONFLICT'); // not booked
    await ok('i3', M.book, { slotId: late.id });
  });

  it('withdraws an intern: WITHDRAWN, their place and booking freed', async () => {
    const before = await gql(
      'pm',
      `query ($id: ID!) { cohort(id: $id) { enrollments { edges { node { internId presentationSlot { id } } } } } }`,
      {
        id: cohortId,
      },
    );
    const heldSlot = before.data!.cohort.enrollments.edges.find((e: any) => e.node.internId === ids.i2).node
      .presentationSlot.id;
    const bad = await fails('pm', M.withdraw, { cohortId, internId: ids.i2, reason: ' ' });
    expect(fieldsOf(bad)).toEqual(['reason']);
    const withdrawn = await ok('pm', M.withdraw, { cohortId, internId: ids.i2, reason: 'Family reasons' });
    expect(withdrawn).toMatchObject({
      status: 'WITHDRAWN',
      cohort: { enrolledCount: 2, placesLeft: 3 },
      presentationSlot: null,
    });
    expect(withdrawn.endedAt).not.toBeNull();
    const [event] = await world.svc.probe.waitFor(ofType(InternWithdrawnV1.type, cohortId));
    expect(event!.json).toMatchObject({ internId: ids.i2, reason: 'Family reasons', withdrawnBy: ids.pm });
    await world.svc.probe.waitFor(
      (m) => ofType(PresentationBookingCancelledV1.type, cohortId)(m) && (m.json as any).slotId === heldSlot,
    );
    expect((await fails('pm', M.withdraw, { cohortId, internId: ids.i2, reason: 'again' })).extensions.code).toBe(
      'CONFLICT',
    );
    const later = await ok('pm', M.talk, {
      cohortId,
      title: 'Career paths',
      speaker: 'Alan',
      startsAt: '2027-08-26T15:00:00+02:00',
      durationMinutes: 30,
    });
    expect((await fails('i2', M.rsvp, { talkId: later.id })).extensions.code).toBe('CONFLICT'); // no longer in the program
    expect(await ok('i1', M.rsvp, { talkId: later.id })).toMatchObject({ rsvpCount: 1 });
  });

  it('serves the cohort calendar and an intern calendar as iCalendar, with the token in the header only', async () => {
    const get = (url: string, headers: Record<string, string> = {}) =>
      world.svc.http.inject({ method: 'GET', url, headers });
    expect((await get(`/cohorts/${cohortId}/calendar.ics`)).statusCode).toBe(401);
    expect((await get(`/cohorts/${cohortId}/calendar.ics?token=garbage`)).statusCode).toBe(401);
    // An API token in the URL is not accepted (calendar apps subscribe to a feed from createCalendarFeed).
    expect((await get(`/cohorts/${cohortId}/calendar.ics?token=${tokens.pm}`)).statusCode).toBe(401);
    expect((await get(`/cohorts/${cohortId}/calendar.ics?access_token=${tokens.pm}`)).statusCode).toBe(401);
    expect(
      (await get(`/cohorts/${randomUUID()}/calendar.ics`, { authorization: `Bearer ${tokens.pm}` })).statusCode,
    ).toBe(404);

    const res = await get(`/cohorts/${cohortId}/calendar.ics`, { authorization: `Bearer ${tokens.pm}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const events = new ICAL.Component(ICAL.parse(res.body)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const summaries = events.map((e) => e.summary);
    expect(summaries).toContain('Tech talk: Ranking at scale');
    expect(summaries).toContain(`Life ${run}: project scope due`);
    expect(summaries).toContain(`Final presentation: Intern ${ids.i3}`);
    expect(summaries.filter((s) => s.startsWith('Final presentation'))).toHaveLength(5);

    // An intern: no other intern's name.
    const asIntern = await get(`/cohorts/${cohortId}/calendar.ics`, { authorization: `Bearer ${tokens.i1}` });
    expect(asIntern.statusCode).toBe(200);
    expect(asIntern.body).not.toContain(`Intern ${ids.i3}`);

    const own = await get(`/cohorts/${cohortId}/interns/${ids.i3}/calendar.ics`, {
      authorization: `Bearer ${tokens.i3}`,
    });
    expect(own.statusCode).toBe(200);
    const mine = new ICAL.Component(ICAL.parse(own.body)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const presentations = mine.find((e) => e.summary.endsWith('final presentations week'))!;
    expect(presentations.startDate.toString()).toBe('2027-09-06'); // moved by the extension
    expect(
      mine
        .find((e) => e.summary === 'Your final presentation')!
        .startDate.toJSDate()
        .toISOString(),
    ).toBe('2027-09-07T08:00:00.000Z');
    expect(
      (await get(`/cohorts/${cohortId}/interns/${ids.i3}/calendar.ics`, { authorization: `Bearer ${tokens.i1}` }))
        .statusCode,
    ).toBe(404);
    expect((await get(`/cohorts/${cohortId}/interns/${ids.i3}/calendar.ics?token=${tokens.i3}`)).statusCode).toBe(401);
    expect(
      (await get(`/cohorts/${cohortId}/interns/${ids.i3}/calendar.ics`, { authorization: `Bearer ${tokens.pm}` }))
        .statusCode,
    ).toBe(200);
  });

  it('runs the cohort to its end with toWeek = weeks + 1', async () => {
    expect(await ok('pm', M.advance, { cohortId, toWeek: 13 })).toMatchObject({
      status: 'COMPLETED',
      currentWeek: 13,
      currentPhase: 'COMPLETED',
    });
    expect((await fails('pm', M.advance, { cohortId, toWeek: 12 })).extensions.code).toBe('CONFLICT');
  });
});
