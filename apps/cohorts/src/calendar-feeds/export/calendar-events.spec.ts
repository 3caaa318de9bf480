import ICAL from 'ical.js';
import { describe, expect, it } from '@jest/globals';
import { Cohort, WorkMode } from '../../cohorts/domain/cohort.js';
import type { PresentationSlotSnapshot } from '../../presentations/domain/presentation-slot.js';
import { TechTalkStatus, type TechTalkSnapshot } from '../../tech-talks/domain/tech-talk.js';
import { checkInDueEvents, cohortFeed, internFeed, mergeCalendars } from './calendar-events.js';
import type { CalendarMilestone } from '../domain/milestone-revisions.js';
import { renderCalendar } from './ics.js';

const NOW = new Date('2027-05-20T10:00:00Z');
const cohort = Cohort.schedule(
  {
    name: 'Summer 2027',
    startDate: '2027-06-07',
    weeks: 12,
    timezone: 'Europe/Berlin',
    location: 'Berlin HQ',
    workMode: WorkMode.HYBRID,
    capacity: 10,
  },
  { id: '00000000-0000-4000-8000-0000000000c1', now: NOW, scheduledBy: 'pm' },
).toSnapshot();
const talk: TechTalkSnapshot = {
  id: '00000000-0000-4000-8000-0000000000a1',
  cohortId: cohort.id,
  title: 'Ranking at scale',
  speaker: 'Grace',
  abstract: 'Retrieval, ranking; re-ranking.',
  startsAt: new Date('2027-06-15T14:00:00Z'),
  durationMinutes: 45,
  joinUrl: 'https://meet.example.com/r',
  scheduledBy: 'pm',
  scheduledAt: NOW,
  rsvpCount: 1,
  attendanceCount: 0,
  status: TechTalkStatus.SCHEDULED,
  sequence: 0,
  cancellationReason: null,
  cancelledBy: null,
  cancelledAt: null,
};
const slot = (id: string, startsAt: string, bookedBy: string | null): PresentationSlotSnapshot => ({
  id,
  cohortId: cohort.id,
  startsAt: new Date(startsAt),
  durationMinutes: 30,
  panelMentorIds: ['m-1', 'm-2'],
  bookedBy,
  bookedAt: bookedBy ? NOW : null,
  openedBy: 'pm',
  openedAt: NOW,
  closedAt: null,
  closedBy: null,
  closeReason: null,
});
const slots = [
  slot('00000000-0000-4000-8000-0000000000b1', '2027-08-24T08:00:00Z', 'i-1'),
  slot('00000000-0000-4000-8000-0000000000b2', '2027-08-24T08:30:00Z', null),
];
const mentorNames = new Map([['m-1', 'Ada Mentor']]);

function events(text: string) {
  return new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

describe('calendar feeds', () => {
  it("a cohort's feed: key dates as all-day events, talks and slots as timed events, each with a stable UID", () => {
    const parsed = events(
      renderCalendar(
        cohortFeed({ cohort, talks: [talk], slots, mentorNames, internNames: new Map([['i-1', 'Ines']]) }),
        NOW,
      ),
    );
    expect(parsed.map((e) => e.summary)).toEqual([
      'Summer 2027: program starts (onboarding week)',
      'Summer 2027: project scope due',
      'Summer 2027: midpoint evaluations',
      'Summer 2027: final presentations week',
      'Summer 2027: final evaluations due · program ends',
      'Tech talk: Ranking at scale',
      'Final presentation: Ines',
      'Final presentation slot (open)',
    ]);
    const byUid = Object.fromEntries(parsed.map((e) => [e.uid, e]));
    expect(byUid[`cohort-${cohort.id}-scope-due@mentorflow`]!.startDate.toString()).toBe('2027-06-20');
    expect(byUid[`cohort-${cohort.id}-presentations@mentorflow`]!.endDate.toString()).toBe('2027-08-30');
    expect(byUid[`talk-${talk.id}@mentorflow`]!.description).toBe(
      'Speaker: Grace\n\nRetrieval, ranking; re-ranking.\n\nJoin: https://meet.example.com/r',
    );
    expect(byUid[`talk-${talk.id}@mentorflow`]!.endDate.toJSDate().toISOString()).toBe('2027-06-15T14:45:00.000Z');
    expect(byUid[`slot-${slots[0]!.id}@mentorflow`]!.description).toBe('Panel: Ada Mentor, m-2');
  });

  it('hides who booked a slot from viewers who may not see other interns', () => {
    const parsed = events(
      renderCalendar(cohortFeed({ cohort, talks: [], slots, mentorNames, internNames: null }), NOW),
    );
    expect(parsed.filter((e) => e.summary.startsWith('Final presentation')).map((e) => e.summary)).toEqual([
      'Final presentation slot (booked)',
      'Final presentation slot (open)',
    ]);
  });

  it("an intern's feed: their own deadlines, moved by their extension, the talks and their booking", () => {
    const feed = internFeed({
      cohort,
      internId: 'i-1',
      internName: 'Ines',
      grants: [{ weeks: 2, afterWeek: 6 }],
      talks: [talk],
      rsvped: new Set([talk.id]),
      booking: slots[0]!,
      mentorNames,
    });
    const parsed = events(renderCalendar(feed, NOW));
    const byUid = Object.fromEntries(parsed.map((e) => [e.uid, e]));
    const prefix = `intern-i-1-cohort-${cohort.id}`;
    expect(byUid[`${prefix}-scope-due@mentorflow`]!.startDate.toString()).toBe('2027-06-20');
    expect(byUid[`${prefix}-presentations@mentorflow`]!.startDate.toString()).toBe('2027-09-06');
    expect(byUid[`${prefix}-final-evaluations-due@mentorflow`]!.startDate.toString()).toBe('2027-09-12');
    expect(byUid[`talk-${talk.id}@mentorflow`]!.description).toMatch(/You RSVPed to this talk\.$/);
    expect(byUid[`slot-${slots[0]!.id}@mentorflow`]!.summary).toBe('Your final presentation');
    expect(feed.description).toBe('Your program in Summer 2027, extended by 2 week(s) to 2027-09-12');
  });

  it('merges calendars into one feed: each event once (by UID), the time zone kept when shared', () => {
    const a = cohortFeed({ cohort, talks: [talk], slots: [], mentorNames, internNames: null });
    const b = internFeed({
      cohort,
      internId: 'i-1',
      internName: 'Ines',
      grants: [],
      talks: [talk],
      rsvped: new Set(),
      booking: null,
      mentorNames,
    });
    expect(mergeCalendars([a])).toBe(a);
    const merged = mergeCalendars([a, b]);
    expect(merged.name).toBe('Mentorflow');
    expect(merged.description).toBe('Your Mentorflow calendar: Summer 2027, Summer 2027: Ines');
    expect(merged.timezone).toBe('Europe/Berlin');
    expect(merged.events.filter((e) => e.uid === `talk-${talk.id}@mentorflow`)).toHaveLength(1);
    expect(merged.events).toHaveLength(a.events.length + b.events.length - 1);
    expect(events(renderCalendar(merged, NOW))).toHaveLength(merged.events.length);
    const empty = mergeCalendars([]);
    expect(empty).toEqual({ name: 'Mentorflow', description: 'Nothing on your Mentorflow calendar yet', events: [] });
  });

  it('every talk VEVENT carries SEQUENCE; a moved talk shows its new time one SEQUENCE later, same UID', () => {
    const before = renderCalendar(
      cohortFeed({ cohort, talks: [talk], slots: [], mentorNames, internNames: null }),
      NOW,
    );
    const moved = { ...talk, startsAt: new Date('2027-06-17T09:00:00Z'), durationMinutes: 60, sequence: 1 };
    const after = renderCalendar(
      internFeed({
        cohort,
        internId: 'i-1',
        internName: 'Ines',
        grants: [],
        talks: [moved],
        rsvped: new Set([talk.id]),
        booking: null,
        mentorNames,
      }),
      NOW,
    );
    const vevent = (text: string) => text.split('BEGIN:VEVENT').find((b) => b.includes(`UID:talk-${talk.id}@`))!;
    expect(vevent(before)).toContain('\r\nSEQUENCE:0\r\n');
    expect(vevent(after)).toContain('\r\nSEQUENCE:1\r\n');
    expect(vevent(after)).toContain('\r\nDTSTART:20270617T090000Z\r\nDTEND:20270617T100000Z\r\n');
    expect(vevent(after)).toContain('\r\nSTATUS:CONFIRMED\r\n');
    const parsed = events(after).find((e) => e.uid === `talk-${talk.id}@mentorflow`)!;
    expect(parsed.sequence).toBe(1);
    expect(parsed.startDate.toJSDate().toISOString()).toBe('2027-06-17T09:00:00.000Z');
    // Deadlines carry no SEQUENCE: only talks (and closed slots) are revised.
    const deadline = after.split('BEGIN:VEVENT').find((b) => b.includes('-scope-due@'))!;
    expect(deadline).not.toContain('SEQUENCE');
  });

  it('a cancelled talk stays in the feed, same UID, as STATUS:CANCELLED with SEQUENCE raised and the reason', () => {
    const cancelled = {
      ...talk,
      status: TechTalkStatus.CANCELLED,
      sequence: 2,
      cancellationReason: 'Speaker is ill',
      cancelledBy: 'pm',
      cancelledAt: NOW,
    };
    const text = renderCalendar(
      cohortFeed({ cohort, talks: [cancelled], slots: [], mentorNames, internNames: null }),
      NOW,
    );
    const block = text.split('BEGIN:VEVENT').find((b) => b.includes(`UID:talk-${talk.id}@mentorflow`))!;
    expect(block).toContain('\r\nSEQUENCE:2\r\n');
    expect(block).toContain('\r\nSTATUS:CANCELLED\r\n');
    expect(block).toContain('\r\nTRANSP:TRANSPARENT\r\n');
    const parsed = events(text).find((e) => e.uid === `talk-${talk.id}@mentorflow`)!;
    expect(parsed.summary).toBe('Cancelled: Tech talk: Ranking at scale');
    expect(parsed.description).toMatch(/^Cancelled: Speaker is ill\n\nSpeaker: Grace/);
    expect(parsed.component.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('a closed slot stays in the cohort feed as cancelled, one SEQUENCE later', () => {
    const closed = { ...slots[1]!, closedAt: NOW, closedBy: 'pm', closeReason: 'Panel unavailable' };
    const text = renderCalendar(
      cohortFeed({ cohort, talks: [], slots: [slots[0]!, closed], mentorNames, internNames: null }),
      NOW,
    );
    const block = text.split('BEGIN:VEVENT').find((b) => b.includes(`UID:slot-${closed.id}@mentorflow`))!;
    expect(block).toContain('\r\nSUMMARY:Final presentation slot (closed)\r\n');
    expect(block).toContain('\r\nSEQUENCE:1\r\n');
    expect(block).toContain('\r\nSTATUS:CANCELLED\r\n');
    const open = text.split('BEGIN:VEVENT').find((b) => b.includes(`UID:slot-${slots[0]!.id}@mentorflow`))!;
    expect(open).toContain('\r\nSTATUS:CONFIRMED\r\n');
  });
});

describe('issue 13: milestones in the intern’s feed, check-ins due in the mentor’s', () => {
  const milestone = (id: string, dueWeek: number, extra: Partial<CalendarMilestone> = {}): CalendarMilestone => ({
    milestoneId: id,
    projectId: 'p-1',
    cohortId: cohort.id,
    internId: 'i-1',
    title: `Milestone ${id}`,
    dueWeek,
    scopeVersion: 1,
    sequence: 0,
    removed: false,
    ...extra,
  });

  it('places each milestone on the last day of its week in the intern’s own program, with SEQUENCE; a dropped one cancelled', () => {
    const feed = internFeed({
      cohort,
      internId: 'i-1',
      internName: 'Ines',
      grants: [{ weeks: 2, afterWeek: 6 }],
      talks: [],
      rsvped: new Set(),
      booking: null,
      mentorNames,
      milestones: [
        milestone('ms-1', 4),
        milestone('ms-2', 8, { sequence: 2 }),
        milestone('ms-3', 9, { removed: true, sequence: 1 }),
      ],
    });
    const text = renderCalendar(feed, NOW);
    const byUid = Object.fromEntries(events(text).map((e) => [e.uid, e]));
    const first = byUid['milestone-ms-1@mentorflow']!;
    expect(first.startDate.toString()).toBe('2027-07-04');
    expect(first.startDate.isDate).toBe(true);
    expect(first.summary).toBe('Summer 2027: milestone due: Milestone ms-1');
    expect(first.sequence).toBe(0);
    // Week 8 of the cohort is week 10 of an intern extended by two weeks after week 6.
    const moved = byUid['milestone-ms-2@mentorflow']!;
    expect(moved.startDate.toString()).toBe('2027-08-15');
    expect(moved.sequence).toBe(2);
    expect(moved.description).toMatch(/week 10 of your program/);
    const dropped = byUid['milestone-ms-3@mentorflow']!;
    expect(dropped.summary).toBe('Cancelled: Summer 2027: milestone due: Milestone ms-3');
    expect(dropped.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(dropped.sequence).toBe(1);
    expect(text).toContain('CATEGORIES:Mentorflow,Deadline,Milestone');
  });

  it('gives a mentor one check-in due per week of each mentee’s own program, on the week’s last day', () => {
    const list = checkInDueEvents({
      cohort,
      internId: 'i-1',
      internName: 'Ines',
      grants: [{ weeks: 2, afterWeek: 6 }],
    });
    expect(list).toHaveLength(14);
    const text = renderCalendar({ name: 'Mentor', events: list }, NOW);
    const parsed = events(text);
    expect(parsed[0]!.uid).toBe(`check-in-${cohort.id}-i-1-week-1@mentorflow`);
    expect(parsed[0]!.startDate.toString()).toBe('2027-06-13');
    expect(parsed[0]!.summary).toBe('Summer 2027: check-in with Ines due (week 1)');
    expect(parsed[13]!.startDate.toString()).toBe('2027-09-12');
    expect(parsed[0]!.component.getFirstPropertyValue('transp')).toBe('TRANSPARENT');
  });
});
