import { describe, expect, it } from '@jest/globals';
import { ConflictError, ValidationError } from '#ddd';
import {
  Cohort,
  CohortStatus,
  validateCancellationReason,
  validateCohortUpdate,
  WorkMode,
  type ScheduleCohortProps,
} from './cohort.js';
import { DegreeLevel, EnrollmentStatus, type EnrollInternProps } from '../../enrollments/domain/enrollment.js';
import { NOW, violationsOf } from '../../shared/domain/testing/cohort-fixtures.js';

const props = (over: Partial<ScheduleCohortProps> = {}): ScheduleCohortProps => ({
  name: 'Summer 2027',
  startDate: '2027-06-07', // a Monday
  weeks: 12,
  timezone: 'Europe/Berlin',
  location: 'Berlin',
  workMode: WorkMode.HYBRID,
  capacity: 2,
  ...over,
});
const schedule = (over: Partial<ScheduleCohortProps> = {}, now = NOW): Cohort =>
  Cohort.schedule(props(over), { id: '00000000-0000-4000-8000-000000000001', now, scheduledBy: 'pm-1' });
const intern = (internId: string, over: Partial<EnrollInternProps> = {}): EnrollInternProps => ({
  internId,
  name: `Intern ${internId}`,
  email: `${internId}@example.com`,
  university: 'TU Berlin',
  degreeLevel: DegreeLevel.MASTERS,
  focusAreas: ['ml', 'data'],
  timezone: 'Europe/Berlin',
  ...over,
});

describe('Cohort.schedule', () => {
  it('schedules a valid cohort and records CohortScheduled', () => {
    const cohort = schedule();
    const s = cohort.toSnapshot();
    expect(s).toMatchObject({
      status: CohortStatus.SCHEDULED,
      enrolledCount: 0,
      weeks: 12,
      capacity: 2,
      scheduledBy: 'pm-1',
    });
    expect(s.startsAt.toISOString()).toBe('2027-06-06T22:00:00.000Z'); // local midnight in Berlin (CEST)
    const events = cohort.pullDomainEvents();
    expect(events.map((e) => e.name)).toEqual(['CohortScheduled']);
    expect(cohort.pullDomainEvents()).toEqual([]);
  });

  it('defaults to 12 weeks and trims text', () => {
    const s = schedule({ weeks: undefined, name: '  Summer  ', location: ' Berlin ' }).toSnapshot();
    expect(s.weeks).toBe(12);
    expect(s.name).toBe('Summer');
    expect(s.location).toBe('Berlin');
  });

  it('needs a Monday start', () => {
    expect(violationsOf(() => schedule({ startDate: '2027-06-08' }))).toEqual({
      startDate: 'must be a Monday (2027-06-08 is a Tuesday)',
    });
    expect(violationsOf(() => schedule({ startDate: '2027-06-31' }))).toHaveProperty(
      'startDate',
      'must be a date YYYY-MM-DD',
    );
    expect(violationsOf(() => schedule({ startDate: 'next monday' }))).toHaveProperty('startDate');
  });

  it('refuses a start date in the past, judged in the cohort timezone', () => {
    expect(violationsOf(() => schedule({ startDate: '2027-05-17' }))).toHaveProperty(
      'startDate',
      'must not be in the past (today is 2027-05-20)',
    );
    // Monday 2027-05-24 00:30 in Berlin is still Sunday 22:30 UTC: today is the start date, which is allowed.
    expect(() => schedule({ startDate: '2027-05-24' }, new Date('2027-05-23T22:30:00Z'))).not.toThrow();
    // 2027-05-24 in Pacific/Auckland is already the 25th there at 2027-05-24T13:00Z: the start is past.
    expect(
      violationsOf(() =>
        schedule({ startDate: '2027-05-24', timezone: 'Pacific/Auckland' }, new Date('2027-05-24T13:00:00Z')),
      ),
    ).toHaveProperty('startDate');
  });

  it('accepts 10 to 22 weeks only', () => {
    expect(schedule({ weeks: 10 }).toSnapshot().weeks).toBe(10);
    expect(schedule({ weeks: 22 }).toSnapshot().weeks).toBe(22);
    for (const weeks of [9, 23, 0, -12, 12.5]) {
      expect(violationsOf(() => schedule({ weeks }))).toEqual({ weeks: 'must be a whole number from 10 to 22' });
    }
  });

  it('needs a valid IANA timezone', () => {
    for (const timezone of ['Mars/Olympus', '', 'CEST', 'Europe/Berlinn']) {
      expect(violationsOf(() => schedule({ timezone }))).toHaveProperty('timezone');
    }
    expect(schedule({ timezone: 'America/New_York' }).toSnapshot().timezone).toBe('America/New_York');
  });

  it('needs a capacity of at least 1', () => {
    for (const capacity of [0, -1, 1.5, 1001]) {
      expect(violationsOf(() => schedule({ capacity }))).toHaveProperty('capacity');
    }
    expect(schedule({ capacity: 1 }).capacity).toBe(1);
  });

  it('reports every bad field at once', () => {
    const v = violationsOf(() =>
      schedule({
        name: ' ',
        startDate: '2027-06-08',
        weeks: 9,
        timezone: 'Nowhere/Town',
        location: '',
        workMode: 'AT_HOME',
        capacity: 0,
      }),
    );
    expect(Object.keys(v).sort()).toEqual([
      'capacity',
      'location',
      'name',
      'startDate',
      'timezone',
      'weeks',
      'workMode',
    ]);
  });
});

describe('Cohort.cancel', () => {
  it('cancels a scheduled cohort before it starts and records CohortCancelled', () => {
    const cohort = schedule();
    cohort.pullDomainEvents();
    cohort.cancel(new Date('2027-06-01T00:00:00Z'), 'pm-2', '  budget  ');
    expect(cohort.toSnapshot()).toMatchObject({
      status: CohortStatus.CANCELLED,
      cancelledBy: 'pm-2',
      cancellationReason: 'budget',
    });
    expect(cohort.pullDomainEvents()).toEqual([
      {
        name: 'CohortCancelled',
        cohortId: cohort.id,
        reason: 'budget',
        cancelledBy: 'pm-2',
        cancelledAt: new Date('2027-06-01T00:00:00Z'),
      },
    ]);
  });

  it('refuses once the cohort has started (local midnight of the start date)', () => {
    const cohort = schedule(); // starts 2027-06-06T22:00Z (midnight in Berlin)
    expect(() => cohort.cancel(new Date('2027-06-06T22:00:00Z'), 'pm-1')).toThrow(ConflictError);
    expect(() => cohort.cancel(new Date('2027-06-20T09:00:00Z'), 'pm-1')).toThrow(
      /can be cancelled only before it starts/,
    );
    expect(() => cohort.cancel(new Date('2027-06-06T21:59:59Z'), 'pm-1')).not.toThrow();
  });

  it('refuses to cancel a cancelled cohort', () => {
    const cohort = schedule();
    cohort.cancel(NOW, 'pm-1');
    expect(() => cohort.cancel(NOW, 'pm-1')).toThrow(ConflictError);
    expect(() => cohort.cancel(NOW, 'pm-1')).toThrow(/already cancelled/);
  });

  it('refuses to cancel a cohort that is no longer scheduled', () => {
    const s = schedule().toSnapshot();
    const running = Cohort.rehydrate({ ...s, status: CohortStatus.IN_PROGRESS });
    expect(() => running.cancel(NOW, 'pm-1')).toThrow(/IN_PROGRESS/);
  });

  it('checks the reason on its own (validateCancellationReason): optional, at most 1000 characters', () => {
    expect(validateCancellationReason('  budget ')).toBe('budget');
    expect(validateCancellationReason(' ')).toBeNull();
    expect(validateCancellationReason(undefined)).toBeNull();
    expect(() => validateCancellationReason('x'.repeat(1001))).toThrow(ValidationError);
    const cohort = schedule();
    expect(() => cohort.cancel(NOW, 'pm-1', 'x'.repeat(1001))).toThrow(/reason: must be at most 1000 characters/);
    expect(cohort.toSnapshot().status).toBe(CohortStatus.SCHEDULED);
  });
});

describe('Cohort.enroll', () => {
  it('enrolls an intern with normalized details and records InternEnrolled', () => {
    const cohort = schedule();
    cohort.pullDomainEvents();
    const e = cohort.enroll('e-1', intern('i-1', { focusAreas: [' ml ', 'ml', 'nlp'] }), NOW);
    expect(e.toSnapshot()).toMatchObject({
      id: 'e-1',
      cohortId: cohort.id,
      internId: 'i-1',
      status: EnrollmentStatus.ENROLLED,
      focusAreas: ['ml', 'nlp'],
      enrolledAt: NOW,
    });
    expect(cohort.enrolledCount).toBe(1);
    expect(cohort.placesLeft).toBe(1);
    expect(cohort.pullDomainEvents().map((ev) => ev.name)).toEqual(['InternEnrolled']);
  });

  it('refuses a duplicate intern', () => {
    const cohort = schedule();
    cohort.enroll('e-1', intern('i-1'), NOW);
    expect(() => cohort.enroll('e-2', intern('i-1'), NOW)).toThrow(ConflictError);
    expect(() => cohort.enroll('e-2', intern('i-1'), NOW)).toThrow(/already enrolled/);
    // also when the cohort is loaded again from storage
    const reloaded = Cohort.rehydrate(cohort.toSnapshot(), ['i-1']);
    expect(() => reloaded.enroll('e-3', intern('i-1'), NOW)).toThrow(/already enrolled/);
  });

  it('refuses when the cohort is full', () => {
    const cohort = schedule({ capacity: 2 });
    cohort.enroll('e-1', intern('i-1'), NOW);
    cohort.enroll('e-2', intern('i-2'), NOW);
    expect(() => cohort.enroll('e-3', intern('i-3'), NOW)).toThrow(new ConflictError('cohort is full (capacity 2)'));
    expect(cohort.enrolledCount).toBe(2);
  });

  it('refuses a cancelled or completed cohort', () => {
    const cancelled = schedule();
    cancelled.cancel(NOW, 'pm-1');
    expect(() => cancelled.enroll('e-1', intern('i-1'), NOW)).toThrow(/CANCELLED/);
    const completed = Cohort.rehydrate({ ...schedule().toSnapshot(), status: CohortStatus.COMPLETED });
    expect(() => completed.enroll('e-1', intern('i-1'), NOW)).toThrow(ConflictError);
  });

  it('validates the details and names each bad field', () => {
    const cohort = schedule();
    const v = violationsOf(() =>
      cohort.enroll(
        'e-1',
        intern(' ', {
          name: '',
          email: 'not-an-email',
          university: ' ',
          degreeLevel: 'BACHELOR',
          focusAreas: ['ok', ' '],
          timezone: 'Nowhere',
        }),
        NOW,
      ),
    );
    expect(Object.keys(v).sort()).toEqual([
      'degreeLevel',
      'email',
      'focusAreas[1]',
      'internId',
      'name',
      'timezone',
      'university',
    ]);
    expect(
      violationsOf(() =>
        cohort.enroll('e-1', intern('i-1', { focusAreas: Array.from({ length: 21 }, (_, i) => `a${i}`) }), NOW),
      ),
    ).toHaveProperty('focusAreas');
    expect(cohort.enrolledCount).toBe(0);
  });
});

describe('Cohort.update', () => {
  it('checks the given fields as schedule does, at least one, the start judged in the zone the cohort will have', () => {
    expect(violationsOf(() => validateCohortUpdate({}, null, NOW))).toHaveProperty('input');
    expect(violationsOf(() => validateCohortUpdate({ weeks: 23, capacity: 1001 }, null, NOW))).toEqual({
      weeks: 'must be a whole number from 10 to 22',
      capacity: 'must be a whole number from 1 to 1000',
    });
    expect(validateCohortUpdate({ name: ' New ', timezone: 'Asia/Tokyo' }, null, NOW)).toEqual({
      name: 'New',
      timezone: 'Asia/Tokyo',
    });
    // Monday 2027-05-24 at 2027-05-23T22:30Z: today in Berlin, already past in Auckland.
    const late = new Date('2027-05-24T13:00:00Z');
    const current = { startDate: '2027-06-07', timezone: 'Pacific/Auckland' };
    expect(violationsOf(() => validateCohortUpdate({ startDate: '2027-05-24' }, current, late))).toHaveProperty(
      'startDate',
    );
    expect(validateCohortUpdate({ startDate: '2027-05-24' }, null, late)).toEqual({ startDate: '2027-05-24' });
  });

  it('changes what differs, records CohortUpdated with it, and nothing when nothing differs', () => {
    const cohort = schedule();
    cohort.pullDomainEvents();
    expect(cohort.update({ name: 'Summer 2027', capacity: 2 }, 'pm-2')).toEqual([]);
    expect(cohort.pullDomainEvents()).toEqual([]);
    expect(cohort.update({ startDate: '2027-06-14', location: 'Munich' }, 'pm-2')).toEqual(['startDate', 'location']);
    expect(cohort.toSnapshot()).toMatchObject({ startDate: '2027-06-14', location: 'Munich' });
    expect(cohort.startsAt.toISOString()).toBe('2027-06-13T22:00:00.000Z');
    expect(cohort.pullDomainEvents()).toEqual([
      expect.objectContaining({ name: 'CohortUpdated', changed: ['startDate', 'location'], updatedBy: 'pm-2' }),
    ]);
  });

  it('refuses dates after SCHEDULED, a capacity below the places taken, and any change once over', () => {
    const cohort = Cohort.rehydrate({ ...schedule().toSnapshot(), status: CohortStatus.IN_PROGRESS, enrolledCount: 2 });
    expect(() => cohort.update({ timezone: 'Asia/Tokyo' }, 'pm')).toThrow(
      /timezone can change only while the cohort is SCHEDULED/,
    );
    expect(() => cohort.update({ capacity: 1 }, 'pm')).toThrow(ConflictError);
    expect(cohort.update({ capacity: 2, name: 'Renamed' }, 'pm')).toEqual(['name']);
    const over = Cohort.rehydrate({ ...schedule().toSnapshot(), status: CohortStatus.COMPLETED });
    expect(() => over.update({ name: 'x' }, 'pm')).toThrow(ConflictError);
  });
});
