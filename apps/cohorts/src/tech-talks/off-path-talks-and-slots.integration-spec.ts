import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import {
  PresentationBookingCancelledV1,
  PresentationSlotClosedV1,
  TechTalkCancelledV1,
  TechTalkRescheduledV1,
} from '#contracts';
import { ofType } from '#testing';
import { cohortLifeWorld, fieldsOf, internInput, M } from '../testing/cohort-life-world.js';

/**
 * Off the happy path (SPEC §7), through the service's GraphQL API and its .ics routes, in-process
 * against the real Postgres and Kafka: a talk moved (RSVPs kept, SEQUENCE raised), a talk
 * cancelled (kept in calendars as STATUS:CANCELLED), a booked slot closed (the intern released to
 * book another). Each checks the stored row and the event the outbox published.
 */
const world = cohortLifeWorld();
const { run, clock, ids, tokens, ok, fails } = world;

const TALK = `id startsAt endsAt durationMinutes rsvpCount status sequence cancellationReason cancelledAt`;
const RESCHEDULE = `mutation ($input: RescheduleTechTalkInput!) { rescheduleTechTalk(input: $input) { ${TALK} } }`;
const CANCEL = `mutation ($input: CancelTechTalkInput!) { cancelTechTalk(input: $input) { ${TALK} } }`;
const CLOSE = `mutation ($input: ClosePresentationSlotInput!) { closePresentationSlot(input: $input) {
    id status booked closedAt closeReason } }`;

/** The VEVENT of `uid` in an iCalendar text (unfolded), or undefined. */
function vevent(ics: string, uid: string): string | undefined {
  return ics
    .replace(/\r\n /g, '')
    .split('BEGIN:VEVENT')
    .slice(1)
    .find((block) => block.includes(`\r\nUID:${uid}\r\n`));
}

describe('off the happy path: talks and slots', () => {
  let cohortId: string;
  let movedId: string;
  let cancelledId: string;

  const ics = async (url: string, who: keyof typeof tokens) => {
    const res = await world.svc.http.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${tokens[who]}` },
    });
    expect(res.statusCode).toBe(200);
    return res.body;
  };

  it('a talk moved: validated like scheduling, RSVPs kept, sequence raised, the RSVPed interns told, the .ics updated', async () => {
    clock.current = new Date('2027-05-20T10:00:00Z');
    const cohort = await ok('pm', M.schedule, {
      name: `Off path ${run}`,
      startDate: '2027-06-07',
      weeks: 12,
      timezone: 'Europe/Berlin',
      location: 'Berlin',
      workMode: 'HYBRID',
      capacity: 5,
    });
    cohortId = cohort.id;
    for (const i of ['i1', 'i2'] as const) await ok('pm', M.enroll, internInput(cohortId, ids[i]));
    await ok('pm', M.advance, { cohortId, toWeek: 1 });
    const talk = { cohortId, speaker: 'Grace', durationMinutes: 45 };
    movedId = (await ok('pm', M.talk, { ...talk, title: 'Ranking', startsAt: '2027-06-15T16:00:00+02:00' })).id;
    cancelledId = (await ok('pm', M.talk, { ...talk, title: 'Compilers', startsAt: '2027-06-16T16:00:00+02:00' })).id;
    await ok('i1', M.rsvp, { talkId: movedId });
    await ok('i1', M.rsvp, { talkId: cancelledId });

    const bad = await fails('pm', RESCHEDULE, { talkId: movedId, startsAt: 'tomorrow', durationMinutes: 4 });
    expect(bad.extensions.code).toBe('BAD_USER_INPUT');
    expect(fieldsOf(bad)).toEqual(['durationMinutes', 'startsAt']);
    const outside = await fails('pm', RESCHEDULE, {
      talkId: movedId,
      startsAt: '2027-09-01T16:00:00+02:00',
      durationMinutes: 45,
    });
    expect(fieldsOf(outside)).toEqual(['startsAt']);
    const asIntern = { talkId: movedId, startsAt: '2027-06-17T10:00:00+02:00', durationMinutes: 45 };
    expect((await fails('i1', RESCHEDULE, asIntern)).extensions.code).toBe('FORBIDDEN');

    const moved = await ok('pm', RESCHEDULE, {
      talkId: movedId,
      startsAt: '2027-06-17T10:00:00+02:00',
      durationMinutes: 60,
    });
    expect(moved).toMatchObject({
      startsAt: '2027-06-17T08:00:00.000Z',
      endsAt: '2027-06-17T09:00:00.000Z',
      rsvpCount: 1,
      status: 'SCHEDULED',
      sequence: 1,
    });
    const [row] = (await world.svc.dataSource.query(
      `SELECT starts_at, duration_minutes, sequence, status, rsvp_count,
              (SELECT count(*)::int FROM tech_talk_rsvps WHERE talk_id = $1) AS rsvps
         FROM tech_talks WHERE id = $1`,
      [movedId],
    )) as { starts_at: Date; duration_minutes: number; sequence: number; status: string; rsvps: number }[];
    expect(row).toMatchObject({ duration_minutes: 60, sequence: 1, status: 'SCHEDULED', rsvp_count: 1, rsvps: 1 });
    expect(new Date(row!.starts_at).toISOString()).toBe('2027-06-17T08:00:00.000Z');

    const [event] = await world.svc.probe.waitFor(ofType(TechTalkRescheduledV1.type, cohortId));
    expect(event!.json).toEqual({
      talkId: movedId,
      cohortId,
      title: 'Ranking',
      startsAt: '2027-06-17T08:00:00.000Z',
      durationMinutes: 60,
      previousStartsAt: '2027-06-15T14:00:00.000Z',
      sequence: 1,
      attendeeIds: [ids.i1],
      rescheduledBy: ids.pm,
    });

    const mine = vevent(
      await ics(`/cohorts/${cohortId}/interns/${ids.i1}/calendar.ics`, 'i1'),
      `talk-${movedId}@mentorflow`,
    )!;
    expect(mine).toContain('\r\nSEQUENCE:1\r\n');
    expect(mine).toContain('\r\nDTSTART:20270617T080000Z\r\nDTEND:20270617T090000Z\r\n');
    expect(mine).toContain('\r\nSTATUS:CONFIRMED\r\n');
  });

  it('a talk cancelled: CANCELLED once (twice is CONFLICT), no RSVP or move after, the RSVPed told, kept in the .ics as STATUS:CANCELLED', async () => {
    expect(fieldsOf(await fails('pm', CANCEL, { talkId: cancelledId, reason: ' ' }))).toEqual(['reason']);
    const cancelled = await ok('pm', CANCEL, { talkId: cancelledId, reason: 'Speaker is ill' });
    expect(cancelled).toMatchObject({ status: 'CANCELLED', sequence: 1, cancellationReason: 'Speaker is ill' });
    expect(cancelled.cancelledAt).not.toBeNull();
    expect((await fails('pm', CANCEL, { talkId: cancelledId, reason: 'again' })).extensions.code).toBe('CONFLICT');
    expect((await fails('i2', M.rsvp, { talkId: cancelledId })).extensions.code).toBe('CONFLICT');
    expect(
      (
        await fails('pm', RESCHEDULE, {
          talkId: cancelledId,
          startsAt: '2027-06-18T10:00:00+02:00',
          durationMinutes: 45,
        })
      ).extensions.code,
    ).toBe('CONFLICT');

    const [row] = (await world.svc.dataSource.query(
      `SELECT status, sequence, cancellation_reason, cancelled_by FROM tech_talks WHERE id = $1`,
      [cancelledId],
    )) as unknown[];
    expect(row).toEqual({
      status: 'CANCELLED',
      sequence: 1,
      cancellation_reason: 'Speaker is ill',
      cancelled_by: ids.pm,
    });
    const [event] = await world.svc.probe.waitFor(ofType(TechTalkCancelledV1.type, cohortId));
    expect(event!.json).toEqual({
      talkId: cancelledId,
      cohortId,
      title: 'Compilers',
      startsAt: '2027-06-16T14:00:00.000Z',
      reason: 'Speaker is ill',
      sequence: 1,
      attendeeIds: [ids.i1],
      cancelledBy: ids.pm,
    });

    for (const url of [`/cohorts/${cohortId}/calendar.ics`, `/cohorts/${cohortId}/interns/${ids.i1}/calendar.ics`]) {
      const block = vevent(await ics(url, url.includes('/interns/') ? 'i1' : 'pm'), `talk-${cancelledId}@mentorflow`)!;
      expect(block).toContain('\r\nSEQUENCE:1\r\n');
      expect(block).toContain('\r\nSTATUS:CANCELLED\r\n');
      expect(block).toContain('\r\nSUMMARY:Cancelled: Tech talk: Compilers\r\n');
    }
    // After the move and the cancellation, only the held talk counts for the intern.
    const attendance = await world.gql(
      'i1',
      `query ($id: ID!) { intern(id: $id) { talkAttendance { talks rsvped } } }`,
      { id: ids.i1 },
    );
    expect(attendance.data!.intern.talkAttendance).toEqual({ talks: 1, rsvped: 1 });
  });

  it('a booked slot closed: CLOSED, the booking released (the intern books another), nobody books it, the panel and intern named in the event', async () => {
    await ok('pm', M.advance, { cohortId, toWeek: 12 });
    const slots = (await ok('pm', M.open, {
      cohortId,
      slots: [
        { startsAt: '2027-08-24T10:00:00+02:00', durationMinutes: 30, panelMentorIds: [ids.m1, ids.m2] },
        { startsAt: '2027-08-24T10:30:00+02:00', durationMinutes: 30, panelMentorIds: [ids.m1] },
      ],
    })) as { id: string }[];
    const [first, second] = slots as [{ id: string }, { id: string }];
    await ok('i1', M.book, { slotId: first.id });

    expect(fieldsOf(await fails('pm', CLOSE, { slotId: first.id, reason: '' }))).toEqual(['reason']);
    expect((await fails('i1', CLOSE, { slotId: first.id, reason: 'mine' })).extensions.code).toBe('FORBIDDEN');
    const closed = await ok('pm', CLOSE, { slotId: first.id, reason: 'Panel unavailable' });
    expect(closed).toMatchObject({ id: first.id, status: 'CLOSED', booked: false, closeReason: 'Panel unavailable' });
    expect((await fails('pm', CLOSE, { slotId: first.id, reason: 'again' })).extensions.code).toBe('CONFLICT');
    expect((await fails('i2', M.book, { slotId: first.id })).extensions.code).toBe('CONFLICT');

    const [row] = (await world.svc.dataSource.query(
      `SELECT booked_by, closed_by, close_reason, closed_at IS NOT NULL AS closed FROM presentation_slots WHERE id = $1`,
      [first.id],
    )) as unknown[];
    expect(row).toEqual({ booked_by: null, closed_by: ids.pm, close_reason: 'Panel unavailable', closed: true });
    const [released] = await world.svc.probe.waitFor(ofType(PresentationBookingCancelledV1.type, cohortId));
    expect(released!.json).toEqual({ slotId: first.id, cohortId, internId: ids.i1 });
    const [event] = await world.svc.probe.waitFor(ofType(PresentationSlotClosedV1.type, cohortId));
    expect(event!.json).toEqual({
      slotId: first.id,
      cohortId,
      startsAt: '2027-08-24T08:00:00.000Z',
      reason: 'Panel unavailable',
      bookedInternId: ids.i1,
      panelMentorIds: [ids.m1, ids.m2],
      closedBy: ids.pm,
    });

    expect(await ok('i1', M.book, { slotId: second.id })).toMatchObject({ booked: true, bookedByMe: true });
    const block = vevent(await ics(`/cohorts/${cohortId}/calendar.ics`, 'pm'), `slot-${first.id}@mentorflow`)!;
    expect(block).toContain('\r\nSTATUS:CANCELLED\r\n');
  });

  it('interns of a cancelled cohort can neither RSVP nor book (CONFLICT)', async () => {
    clock.current = new Date('2027-05-20T10:00:00Z');
    const other = await ok('pm', M.schedule, {
      name: `Cancelled ${run}`,
      startDate: '2027-09-06',
      weeks: 12,
      timezone: 'Europe/Berlin',
      location: 'Berlin',
      workMode: 'HYBRID',
      capacity: 5,
    });
    await ok('pm', M.enroll, internInput(other.id, ids.i3));
    const talk = await ok('pm', M.talk, {
      cohortId: other.id,
      title: 'Never',
      speaker: 'Grace',
      startsAt: '2027-09-14T16:00:00+02:00',
      durationMinutes: 45,
    });
    const [slot] = (await ok('pm', M.open, {
      cohortId: other.id,
      slots: [{ startsAt: '2027-11-23T10:00:00+01:00', durationMinutes: 30, panelMentorIds: [ids.m1] }],
    })) as { id: string }[];
    await ok('pm', `mutation ($input: CancelCohortInput!) { cancelCohort(input: $input) { id status } }`, {
      cohortId: other.id,
    });
    const refused = await fails('i3', M.rsvp, { talkId: talk.id });
    expect(refused.extensions.code).toBe('CONFLICT');
    expect(refused.message).toBe(`cohort ${other.id} was cancelled: RSVPs are closed`);
    const booking = await fails('i3', M.book, { slotId: slot!.id });
    expect(booking.extensions.code).toBe('CONFLICT');
    expect(booking.message).toBe(`cohort ${other.id} was cancelled: its slots can no longer be booked`);
    const [row] = (await world.svc.dataSource.query(`SELECT booked_by FROM presentation_slots WHERE id = $1`, [
      slot!.id,
    ])) as unknown[];
    expect(row).toEqual({ booked_by: null });
  });
});
