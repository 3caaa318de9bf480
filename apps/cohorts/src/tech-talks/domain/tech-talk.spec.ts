import { describe, expect, it } from '@jest/globals';
import { ConflictError, ValidationError } from '#ddd';
import { CohortStatus, type CohortSnapshot } from '../../cohorts/domain/cohort.js';
import { NOW, summerCohort } from '../../shared/domain/testing/cohort-fixtures.js';
import { EnrollmentStatus } from '../../enrollments/domain/enrollment.js';
import { TechTalk, validateAttendanceList, validateTechTalkInput, type ScheduleTechTalkProps } from './tech-talk.js';

const cohort: CohortSnapshot = summerCohort;
const props = (over: Partial<ScheduleTechTalkProps> = {}): ScheduleTechTalkProps => ({
  title: 'Ranking at scale',
  speaker: 'Grace',
  abstract: 'How we rank, retrieve and re-rank.',
  startsAt: '2027-06-15T16:00:00+02:00',
  durationMinutes: 60,
  joinUrl: 'https://meet.example.com/ranking',
  ...over,
});
const schedule = (over: Partial<ScheduleTechTalkProps> = {}, c: CohortSnapshot = cohort, now = NOW) =>
  TechTalk.schedule(props(over), { id: '00000000-0000-4000-8000-0000000000a1', cohort: c, now, scheduledBy: 'pm' });

function fields(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return (err as ValidationError).violations.map((v) => v.field).sort();
  }
  throw new Error('expected a ValidationError');
}

describe('TechTalk.schedule', () => {
  it('schedules a talk inside the cohort dates and records TechTalkScheduled', () => {
    const talk = schedule();
    expect(talk.toSnapshot()).toMatchObject({
      startsAt: new Date('2027-06-15T14:00:00Z'),
      rsvpCount: 0,
      attendanceCount: 0,
    });
    expect(talk.pullDomainEvents().map((e) => e.name)).toEqual(['TechTalkScheduled']);
  });

  it('names every bad field', () => {
    expect(
      fields(() =>
        schedule({ title: ' ', speaker: '', startsAt: '2027-06-15 16:00', durationMinutes: 2, joinUrl: 'ftp://x' }),
      ),
    ).toEqual(['durationMinutes', 'joinUrl', 'speaker', 'startsAt', 'title']);
  });

  it('only inside the cohort dates, ending by the end of the program, ahead of the cohort clock', () => {
    expect(fields(() => schedule({ startsAt: '2027-06-06T23:00:00+02:00' }))).toEqual(['startsAt']); // the day before
    expect(fields(() => schedule({ startsAt: '2027-08-30T09:00:00+02:00' }))).toEqual(['startsAt']); // the Monday after
    expect(fields(() => schedule({ startsAt: '2027-08-29T23:30:00+02:00' }))).toEqual(['durationMinutes']); // runs past the end
    const advanced = { ...cohort, status: CohortStatus.IN_PROGRESS, clockAt: new Date('2027-06-21T22:00:00Z') };
    expect(fields(() => schedule({}, advanced))).toEqual(['startsAt']); // week 2 is behind the clock
  });

  it('refuses a cancelled or completed cohort', () => {
    expect(() => schedule({}, { ...cohort, status: CohortStatus.CANCELLED })).toThrow(ConflictError);
    expect(() => schedule({}, { ...cohort, status: CohortStatus.COMPLETED })).toThrow(ConflictError);
  });

  it('checks the details on their own (validateTechTalkInput), without the cohort', () => {
    expect(
      validateTechTalkInput(props({ title: ' Ranking ', abstract: ' ', startsAt: '2030-01-01T10:00:00Z' })),
    ).toEqual({
      title: 'Ranking',
      speaker: 'Grace',
      abstract: null,
      startsAt: new Date('2030-01-01T10:00:00Z'), // outside the cohort: TechTalk.schedule's to refuse
      durationMinutes: 60,
      joinUrl: 'https://meet.example.com/ranking',
    });
    expect(
      fields(() =>
        validateTechTalkInput(
          props({ title: ' ', speaker: '', startsAt: '2027-06-15 16:00', durationMinutes: 2, joinUrl: 'ftp://x' }),
        ),
      ),
    ).toEqual(['durationMinutes', 'joinUrl', 'speaker', 'startsAt', 'title']);
  });
});

describe('RSVPs and attendance', () => {
  it('counts an RSVP once, before the talk starts, from an ongoing enrollment', () => {
    const talk = schedule();
    talk.pullDomainEvents();
    expect(talk.rsvp('i-1', EnrollmentStatus.ACTIVE, false, NOW)).toBe(true);
    expect(talk.rsvp('i-1', EnrollmentStatus.ACTIVE, true, NOW)).toBe(false);
    expect(talk.toSnapshot().rsvpCount).toBe(1);
    expect(talk.pullDomainEvents()).toMatchObject([{ name: 'TechTalkRsvped', internId: 'i-1' }]);
    expect(() => talk.rsvp('i-2', EnrollmentStatus.WITHDRAWN, false, NOW)).toThrow(ConflictError);
    expect(() => talk.rsvp('i-2', EnrollmentStatus.ACTIVE, false, new Date('2027-06-15T14:00:00Z'))).toThrow(
      /RSVPs are closed/,
    );
  });

  it('records attendance once the talk started, each intern once, naming an intern not in the cohort', () => {
    const talk = schedule();
    talk.pullDomainEvents();
    const enrolled = new Set(['i-1', 'i-2', 'i-3']);
    const during = new Date('2027-06-15T14:10:00Z');
    expect(() => talk.recordAttendance(['i-1'], { enrolled, alreadyRecorded: new Set(), programNow: NOW })).toThrow(
      /once it has started/,
    );
    expect(
      fields(() =>
        talk.recordAttendance(['i-1', 'x', ''], { enrolled, alreadyRecorded: new Set(), programNow: during }),
      ),
    ).toEqual(['internIds[1]', 'internIds[2]']);
    expect(() => talk.recordAttendance([], { enrolled, alreadyRecorded: new Set(), programNow: during })).toThrow(
      /internIds/,
    );
    expect(
      talk.recordAttendance(['i-1', 'i-2', 'i-1'], { enrolled, alreadyRecorded: new Set(['i-2']), programNow: during }),
    ).toEqual(['i-1']);
    expect(talk.toSnapshot().attendanceCount).toBe(1);
    expect(talk.pullDomainEvents()).toMatchObject([{ name: 'TechTalkAttended', internId: 'i-1' }]);
  });

  it('checks an attendance list on its own (validateAttendanceList): 1–1000 ids, none blank, distinct', () => {
    expect(validateAttendanceList([' i-1 ', 'x', 'i-1'])).toEqual(['i-1', 'x']);
    expect(fields(() => validateAttendanceList(['i-1', ' ', 7]))).toEqual(['internIds[1]', 'internIds[2]']);
    expect(fields(() => validateAttendanceList([]))).toEqual(['internIds']);
    expect(fields(() => validateAttendanceList(Array.from({ length: 1001 }, (_, i) => `i-${i}`)))).toEqual([
      'internIds',
    ]);
  });
});
