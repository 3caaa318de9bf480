import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { inject } from './support/system.js';
import { addDays } from '#ddd';
import { KafkaProbe, ofType } from '#testing';
import { codes, eventually, gql, signIn } from './support/client.js';
import { aCohort, aMentor, anIntern } from './support/factories.js';

/**
 * A cohort's whole life through the gateway with every service running: scheduled, enrolled,
 * onboarded, a tech talk with RSVPs and attendance, the clock advanced in sandbox mode to week 12
 * (every CohortWeekStarted 1..12 on Kafka in order), presentation slots opened and booked, an
 * intern extended, and the calendar fetched as iCalendar and parsed by ical.js.
 */

const COHORTS_TOPIC = 'mentorflow.cohorts.events';
const WEEK_STARTED = 'mentorflow.cohorts.CohortWeekStarted.v1';

const SCHEDULE = `mutation ($input: ScheduleCohortInput!) { scheduleCohort(input: $input) {
  id startDate weeks status currentWeek onboardingChecklist { id title }
  calendar { keyDates { presentationsWeek { startsOn endsOn } finalEvaluationsDue programEnd } } } }`;
const ENROLL = `mutation ($input: EnrollInternInput!) { enrollIntern(input: $input) { id status } }`;
const ADVANCE = `mutation ($input: AdvanceCohortClockInput!) { advanceCohortClock(input: $input) { status currentWeek currentPhase } }`;
const COMPLETE_TASK = `mutation ($input: CompleteOnboardingTaskInput!) { completeOnboardingTask(input: $input) {
  status onboarding { completedCount totalCount } } }`;
const SCHEDULE_TALK = `mutation ($input: ScheduleTechTalkInput!) { scheduleTechTalk(input: $input) { id title startsAt rsvpCount attendanceCount } }`;
const RSVP = `mutation ($input: RsvpTechTalkInput!) { rsvpTechTalk(input: $input) { id rsvpCount rsvpedByMe } }`;
const ATTEND = `mutation ($input: RecordTalkAttendanceInput!) { recordTalkAttendance(input: $input) { id rsvpCount attendanceCount } }`;
const OPEN_SLOTS = `mutation ($input: OpenPresentationSlotsInput!) { openPresentationSlots(input: $input) { id startsAt panel { id name } booked } }`;
const BOOK = `mutation ($input: BookPresentationSlotInput!) { bookPresentationSlot(input: $input) { id booked bookedByMe } }`;
const EXTEND = `mutation ($input: ExtendInternshipInput!) { extendInternship(input: $input) { extensionWeeks
  calendar { programWeeks keyDates { presentationsWeek { startsOn endsOn } finalEvaluationsDue programEnd } }
  presentationSlot { id } } }`;
const REGISTER_MENTOR = `mutation ($input: RegisterMentorInput!) { registerMentor(input: $input) { id } }`;

let probe: KafkaProbe;
let pm: string;

beforeAll(async () => {
  probe = await KafkaProbe.start([COHORTS_TOPIC]);
  pm = await signIn('pm-cohort-life', 'PROGRAM_MANAGER');
});

afterAll(async () => {
  await probe?.stop();
});

describe("a cohort's whole life through the gateway", () => {
  it('runs from the first Monday to the last presentation, and exports its calendar', async () => {
    // A mentor, registered in the mentors service, becomes known to the cohorts service over Kafka.
    const mentor = aMentor();
    const registered = await gql(REGISTER_MENTOR, { input: mentor }, { token: pm });
    expect(registered.errors).toBeUndefined();

    // Schedule and enroll.
    const scheduled = await gql(SCHEDULE, { input: aCohort({ capacity: 4 }) }, { token: pm });
    expect(scheduled.errors).toBeUndefined();
    const cohort = scheduled.data.scheduleCohort;
    expect(cohort).toMatchObject({ status: 'SCHEDULED', currentWeek: 0, weeks: 12 });
    const startDate: string = cohort.startDate;
    const [a, b] = [anIntern(cohort.id), anIntern(cohort.id)];
    for (const input of [a, b]) expect((await gql(ENROLL, { input }, { token: pm })).errors).toBeUndefined();
    const tokenA = await signIn(a.internId as string, 'INTERN');
    const tokenB = await signIn(b.internId as string, 'INTERN');

    // Week 1: the cohort starts; intern A works through the onboarding checklist.
    expect(
      (await gql(ADVANCE, { input: { cohortId: cohort.id, toWeek: 1 } }, { token: pm })).data.advanceCohortClock,
    ).toEqual({
      status: 'IN_PROGRESS',
      currentWeek: 1,
      currentPhase: 'ONBOARDING',
    });
    const tasks = cohort.onboardingChecklist as { id: string }[];
    let enrollment: any;
    for (const task of tasks) {
      const done = await gql(COMPLETE_TASK, { input: { cohortId: cohort.id, taskId: task.id } }, { token: tokenA });
      expect(done.errors).toBeUndefined();
      enrollment = done.data.completeOnboardingTask;
    }
    expect(enrollment).toEqual({
      status: 'ACTIVE',
      onboarding: { completedCount: tasks.length, totalCount: tasks.length },
    });
    // Only the intern themself completes their tasks.
    expect(
      codes(await gql(COMPLETE_TASK, { input: { cohortId: cohort.id, taskId: tasks[0]!.id } }, { token: pm })),
    ).toEqual(['FORBIDDEN']);

    // A tech talk on Tuesday of week 2; both interns RSVP; after it, attendance is recorded.
    const talkStart = `${addDays(startDate, 8)}T14:00:00.000Z`;
    const talk = (
      await gql(
        SCHEDULE_TALK,
        {
          input: {
            cohortId: cohort.id,
            title: 'Ranking, retrieval; re-ranking',
            speaker: 'Grace Hopper',
            abstract: 'How a recommender decides what you see first.',
            startsAt: talkStart,
            durationMinutes: 60,
            joinUrl: 'https://meet.example.com/ranking',
          },
        },
        { token: pm },
      )
    ).data.scheduleTechTalk;
    expect(talk).toMatchObject({ startsAt: talkStart, rsvpCount: 0 });
    expect((await gql(RSVP, { input: { talkId: talk.id } }, { token: tokenA })).data.rsvpTechTalk).toMatchObject({
      rsvpCount: 1,
      rsvpedByMe: true,
    });
    expect((await gql(RSVP, { input: { talkId: talk.id } }, { token: tokenB })).data.rsvpTechTalk).toMatchObject({
      rsvpCount: 2,
    });
    expect(codes(await gql(ATTEND, { input: { talkId: talk.id, internIds: [a.internId] } }, { token: pm }))).toEqual([
      'CONFLICT',
    ]); // not yet
    await gql(ADVANCE, { input: { cohortId: cohort.id, toWeek: 3 } }, { token: pm });
    const attended = await gql(ATTEND, { input: { talkId: talk.id, internIds: [a.internId] } }, { token: pm });
    expect(attended.data.recordTalkAttendance).toMatchObject({ rsvpCount: 2, attendanceCount: 1 });
    const attendance = await gql(
      `query ($id: ID!) { intern(id: $id) { talkAttendance { talks rsvped attended } } }`,
      { id: a.internId },
      { token: tokenA },
    );
    expect(attendance.data.intern.talkAttendance).toEqual({ talks: 1, rsvped: 1, attended: 1 });

    // Time travel to week 12: every week started, on Kafka, in order.
    const advanced = await gql(ADVANCE, { input: { cohortId: cohort.id, toWeek: 12 } }, { token: pm });
    expect(advanced.data.advanceCohortClock).toEqual({
      status: 'IN_PROGRESS',
      currentWeek: 12,
      currentPhase: 'FINAL_PRESENTATIONS',
    });
    const weeks = await probe.waitFor(ofType(WEEK_STARTED, cohort.id), { count: 12, timeoutMs: 30_000 });
    expect(weeks.map((m) => (m.json as { week: number }).week)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(weeks.map((m) => (m.json as { startsOn: string }).startsOn)).toEqual(
      Array.from({ length: 12 }, (_, i) => addDays(startDate, i * 7)),
    );
    expect(new Set(weeks.map((m) => m.partition)).size).toBe(1); // keyed by the cohort: one partition, in order

    // Presentation slots on Tuesday of week 12 with the mentor on the panel (once the cohorts service knows them).
    const tuesday = addDays(startDate, 11 * 7 + 1);
    const slots = await eventually(
      async () => {
        const r = await gql(
          OPEN_SLOTS,
          {
            input: {
              cohortId: cohort.id,
              slots: [
                { startsAt: `${tuesday}T09:00:00.000Z`, durationMinutes: 30, panelMentorIds: [mentor.mentorId] },
                { startsAt: `${tuesday}T09:30:00.000Z`, durationMinutes: 30, panelMentorIds: [mentor.mentorId] },
              ],
            },
          },
          { token: pm },
        );
        if (r.errors) {
          expect(r.errors[0]!.extensions!.fields!.map((f) => f.field)).toEqual([
            'slots[0].panelMentorIds[0]',
            'slots[1].panelMentorIds[0]',
          ]);
          return undefined;
        }
        return r.data.openPresentationSlots as { id: string; panel: { id: string; name: string }[] }[];
      },
      { timeoutMs: 30_000, what: 'the cohorts service to learn of the mentor' },
    );
    expect(slots[0]!.panel).toEqual([{ id: mentor.mentorId, name: mentor.name }]);
    expect(
      (await gql(BOOK, { input: { slotId: slots[0]!.id } }, { token: tokenA })).data.bookPresentationSlot,
    ).toMatchObject({
      booked: true,
      bookedByMe: true,
    });
    expect(codes(await gql(BOOK, { input: { slotId: slots[0]!.id } }, { token: tokenB }))).toEqual(['CONFLICT']);
    expect((await gql(BOOK, { input: { slotId: slots[1]!.id } }, { token: tokenB })).errors).toBeUndefined();

    // Extend intern B by two weeks: their dates move, the cohort's do not; their week-12 booking is released.
    const extended = await gql(
      EXTEND,
      { input: { cohortId: cohort.id, internId: b.internId, weeks: 2, reason: 'More time for the A/B test' } },
      { token: pm },
    );
    expect(extended.errors).toBeUndefined();
    const before = cohort.calendar.keyDates;
    const after = extended.data.extendInternship;
    expect(before.programEnd).toBe(addDays(startDate, 83));
    expect(after).toEqual({
      extensionWeeks: 2,
      calendar: {
        programWeeks: 14,
        keyDates: {
          presentationsWeek: {
            startsOn: addDays(before.presentationsWeek.startsOn, 14),
            endsOn: addDays(before.presentationsWeek.endsOn, 14),
          },
          finalEvaluationsDue: addDays(before.finalEvaluationsDue, 14),
          programEnd: addDays(before.programEnd, 14),
        },
      },
      presentationSlot: null,
    });
    const [extendedEvent] = await probe.waitFor(ofType('mentorflow.cohorts.InternshipExtended.v1', cohort.id));
    expect(extendedEvent!.json).toMatchObject({
      internId: b.internId,
      weeks: 2,
      programWeeks: 14,
      newEndDate: addDays(before.programEnd, 14),
    });
    const cohortAfter = await gql(
      `query ($id: ID!) { cohort(id: $id) { calendar { keyDates { programEnd } } } }`,
      { id: cohort.id },
      { token: pm },
    );
    expect(cohortAfter.data.cohort.calendar.keyDates.programEnd).toBe(before.programEnd);

    // The calendar as an API client fetches it (bearer header), parsed by ical.js. An API token in
    // the URL is refused: calendar apps subscribe to a feed (calendar-feeds.e2e-spec.ts).
    const base = `http://127.0.0.1:${inject('servicePorts').cohorts}`;
    expect((await fetch(`${base}/cohorts/${cohort.id}/calendar.ics?token=${encodeURIComponent(pm)}`)).status).toBe(401);
    const res = await fetch(`${base}/cohorts/${cohort.id}/calendar.ics`, {
      headers: { authorization: `Bearer ${pm}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const text = await res.text();
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const vcalendar = new ICAL.Component(ICAL.parse(text));
    const events = vcalendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.every((e) => e.uid && e.component.getFirstPropertyValue('dtstamp'))).toBe(true);
    const talkEvent = events.find((e) => e.uid === `talk-${talk.id}@mentorflow`)!;
    expect(talkEvent.summary).toBe('Tech talk: Ranking, retrieval; re-ranking');
    expect(talkEvent.startDate.toJSDate().toISOString()).toBe(talkStart);
    const presentation = events.find((e) => e.uid === `slot-${slots[0]!.id}@mentorflow`)!;
    expect(presentation.summary).toBe(`Final presentation: ${a.name}`);
    expect(presentation.description).toBe(`Panel: ${mentor.name}`);
    const scopeDue = events.find((e) => e.summary.endsWith('project scope due'))!;
    expect(scopeDue.startDate.isDate).toBe(true);
    expect(scopeDue.startDate.toString()).toBe(addDays(startDate, 13));

    // Intern B's own calendar shows their moved dates; nobody else's calendar is theirs to read.
    const own = await fetch(`${base}/cohorts/${cohort.id}/interns/${b.internId}/calendar.ics`, {
      headers: { authorization: `Bearer ${tokenB}` },
    });
    expect(own.status).toBe(200);
    const mine = new ICAL.Component(ICAL.parse(await own.text()))
      .getAllSubcomponents('vevent')
      .map((v) => new ICAL.Event(v));
    const week = mine.find((e) => e.summary.endsWith('final presentations week'))!;
    expect(week.startDate.toString()).toBe(after.calendar.keyDates.presentationsWeek.startsOn);
    expect(
      (
        await fetch(`${base}/cohorts/${cohort.id}/interns/${b.internId}/calendar.ics`, {
          headers: { authorization: `Bearer ${tokenA}` },
        })
      ).status,
    ).toBe(404);
    expect((await fetch(`${base}/cohorts/${cohort.id}/calendar.ics`)).status).toBe(401);
  });
});
