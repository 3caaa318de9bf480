import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays } from '#ddd';
import { KafkaProbe, ofType } from '#testing';
import { codes, gql, signIn } from './support/client.js';
import {
  advanceCohort,
  enrollIntern,
  missingId,
  ok,
  openSlots,
  OPS,
  registerMentor,
  scheduleCohort,
  talkInput,
  type CohortRef,
  type Person,
} from './support/program.js';

/**
 * SPEC §7, off the happy path, through the gateway with every service running: a PM moves a talk
 * an intern RSVPed to (the intern's calendar feed shows the new time, its SEQUENCE raised), cancels
 * another (the feed keeps it as STATUS:CANCELLED), and closes a slot an intern had booked (the
 * intern books another; nobody books the closed one).
 */

const COHORTS_TOPIC = 'mentorflow.cohorts.events';
const TALK = `id startsAt durationMinutes rsvpCount status sequence cancellationReason`;
const RSVP = `mutation ($input: RsvpTechTalkInput!) { rsvpTechTalk(input: $input) { id rsvpCount rsvpedByMe } }`;
const RESCHEDULE = `mutation ($input: RescheduleTechTalkInput!) { rescheduleTechTalk(input: $input) { ${TALK} } }`;
const CANCEL = `mutation ($input: CancelTechTalkInput!) { cancelTechTalk(input: $input) { ${TALK} } }`;
const CLOSE = `mutation ($input: ClosePresentationSlotInput!) { closePresentationSlot(input: $input) {
  id status booked closeReason } }`;
const BOOK = `mutation ($input: BookPresentationSlotInput!) { bookPresentationSlot(input: $input) { id status booked bookedByMe } }`;
const CREATE_FEED = `mutation { createCalendarFeed { id url } }`;

function events(text: string): ICAL.Event[] {
  return new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

/** The raw VEVENT block of `uid` (lines unfolded), to check the properties as sent. */
function vevent(text: string, uid: string): string {
  const block = text
    .replace(/\r\n /g, '')
    .split('BEGIN:VEVENT')
    .slice(1)
    .find((b) => b.includes(`\r\nUID:${uid}\r\n`));
  if (!block) throw new Error(`no VEVENT ${uid} in the feed`);
  return block;
}

let probe: KafkaProbe;
let pm: string;

beforeAll(async () => {
  probe = await KafkaProbe.start([COHORTS_TOPIC]);
  pm = await signIn(`pm-off-path-${missingId('uuid').slice(0, 8)}`, 'PROGRAM_MANAGER');
});

afterAll(async () => {
  await probe?.stop();
});

describe('off the happy path: talks moved and cancelled, slots closed, through the gateway', () => {
  let cohort: CohortRef;
  let ines: Person;
  let otto: Person;
  let mentor: Person;
  let moved: string;
  let cancelled: string;
  let feedUrl: string;

  beforeAll(async () => {
    mentor = await registerMentor(pm);
    cohort = await scheduleCohort(pm);
    ines = await enrollIntern(pm, cohort.id, { name: 'Ines Offpath' });
    otto = await enrollIntern(pm, cohort.id, { name: 'Otto Offpath' });
    await advanceCohort(pm, cohort.id, 1);
    moved = ok(await gql(OPS.scheduleTalk, { input: talkInput(cohort, 3) }, { token: pm }), 'scheduleTechTalk')
      .scheduleTechTalk.id;
    cancelled = ok(await gql(OPS.scheduleTalk, { input: talkInput(cohort, 4) }, { token: pm }), 'scheduleTechTalk')
      .scheduleTechTalk.id;
    for (const talkId of [moved, cancelled]) {
      expect(ok(await gql(RSVP, { input: { talkId } }, { token: ines.token }), 'rsvp').rsvpTechTalk).toMatchObject({
        rsvpCount: 1,
        rsvpedByMe: true,
      });
    }
    feedUrl = ok(await gql(CREATE_FEED, {}, { token: ines.token }), 'createCalendarFeed').createCalendarFeed.url;
    const before = await (await fetch(feedUrl)).text();
    expect(vevent(before, `talk-${moved}@mentorflow`)).toContain('\r\nSEQUENCE:0\r\n');
  });

  it("a moved talk: RSVPs kept, the intern told, and the intern's feed shows the new time with SEQUENCE raised", async () => {
    // Thursday of week 3, 10:00 UTC, 90 minutes.
    const startsAt = `${addDays(cohort.startDate, 2 * 7 + 3)}T10:00:00.000Z`;
    expect(
      codes(await gql(RESCHEDULE, { input: { talkId: moved, startsAt, durationMinutes: 90 } }, { token: ines.token })),
    ).toEqual(['FORBIDDEN']);
    const bad = await gql(
      RESCHEDULE,
      { input: { talkId: moved, startsAt: 'soon', durationMinutes: 2 } },
      { token: pm },
    );
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);

    const talk = ok(
      await gql(RESCHEDULE, { input: { talkId: moved, startsAt, durationMinutes: 90 } }, { token: pm }),
      'rescheduleTechTalk',
    ).rescheduleTechTalk;
    expect(talk).toMatchObject({ startsAt, durationMinutes: 90, rsvpCount: 1, status: 'SCHEDULED', sequence: 1 });

    const [event] = await probe.waitFor(ofType('mentorflow.cohorts.TechTalkRescheduled.v1', cohort.id));
    expect(event!.json).toMatchObject({ talkId: moved, startsAt, sequence: 1, attendeeIds: [ines.id] });

    const res = await fetch(feedUrl);
    expect(res.status).toBe(200);
    const text = await res.text();
    const block = vevent(text, `talk-${moved}@mentorflow`);
    expect(block).toContain('\r\nSEQUENCE:1\r\n');
    expect(block).toContain('\r\nSTATUS:CONFIRMED\r\n');
    const parsed = events(text).find((e) => e.uid === `talk-${moved}@mentorflow`)!;
    expect(parsed.sequence).toBe(1);
    expect(parsed.startDate.toJSDate().toISOString()).toBe(startsAt);
    expect(parsed.endDate.toJSDate().toISOString()).toBe(new Date(Date.parse(startsAt) + 90 * 60_000).toISOString());
  });

  it('a cancelled talk: CANCELLED (twice is CONFLICT), no RSVP any more, and STATUS:CANCELLED in the feed, same UID', async () => {
    const talk = ok(
      await gql(CANCEL, { input: { talkId: cancelled, reason: 'The speaker is ill' } }, { token: pm }),
      'cancelTechTalk',
    ).cancelTechTalk;
    expect(talk).toMatchObject({ status: 'CANCELLED', sequence: 1, cancellationReason: 'The speaker is ill' });
    expect(codes(await gql(CANCEL, { input: { talkId: cancelled, reason: 'again' } }, { token: pm }))).toEqual([
      'CONFLICT',
    ]);
    expect(codes(await gql(RSVP, { input: { talkId: cancelled } }, { token: otto.token }))).toEqual(['CONFLICT']);

    const [event] = await probe.waitFor(ofType('mentorflow.cohorts.TechTalkCancelled.v1', cohort.id));
    expect(event!.json).toMatchObject({ talkId: cancelled, sequence: 1, attendeeIds: [ines.id] });

    const text = await (await fetch(feedUrl)).text();
    const block = vevent(text, `talk-${cancelled}@mentorflow`);
    expect(block).toContain('\r\nSTATUS:CANCELLED\r\n');
    expect(block).toContain('\r\nSEQUENCE:1\r\n');
    const parsed = events(text).find((e) => e.uid === `talk-${cancelled}@mentorflow`)!;
    expect(parsed.component.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('a booked slot closed: CLOSED, nobody books it, and the intern who had booked it books another', async () => {
    await advanceCohort(pm, cohort.id, cohort.weeks);
    const [first, second] = (await openSlots(pm, cohort, [mentor.id], 2)) as [string, string];
    expect(
      ok(await gql(BOOK, { input: { slotId: first } }, { token: ines.token }), 'book').bookPresentationSlot,
    ).toMatchObject({
      status: 'BOOKED',
      bookedByMe: true,
    });

    const closed = ok(
      await gql(CLOSE, { input: { slotId: first, reason: 'The panel is unavailable' } }, { token: pm }),
      'closePresentationSlot',
    ).closePresentationSlot;
    expect(closed).toMatchObject({
      id: first,
      status: 'CLOSED',
      booked: false,
      closeReason: 'The panel is unavailable',
    });
    expect(codes(await gql(CLOSE, { input: { slotId: first, reason: 'again' } }, { token: pm }))).toEqual(['CONFLICT']);
    expect(codes(await gql(BOOK, { input: { slotId: first } }, { token: otto.token }))).toEqual(['CONFLICT']);

    const [event] = await probe.waitFor(ofType('mentorflow.cohorts.PresentationSlotClosed.v1', cohort.id));
    expect(event!.json).toMatchObject({ slotId: first, bookedInternId: ines.id, panelMentorIds: [mentor.id] });

    expect(
      ok(await gql(BOOK, { input: { slotId: second } }, { token: ines.token }), 'book').bookPresentationSlot,
    ).toMatchObject({
      id: second,
      status: 'BOOKED',
      bookedByMe: true,
    });
  });
});
