import { describe, expect, it } from '@jest/globals';
import { ConflictError, ForbiddenError } from '#ddd';
import { cohortCalendar, internCalendar, presentationsWindow } from '#calendar';
import { CohortStatus, type CohortSnapshot } from '../../cohorts/domain/cohort.js';
import { EnrollmentStatus } from '../../enrollments/domain/enrollment.js';
import { NOW, summerCohort, violationsOf } from '../../shared/domain/testing/cohort-fixtures.js';
import {
  PresentationSlot,
  validatePresentationSlotsInput,
  type PresentationSlotSnapshot,
} from './presentation-slot.js';

// A 12-week cohort from Monday 2027-06-07 in Berlin: presentations week 2027-08-23..29 (CEST, UTC+2).
const cohort: CohortSnapshot = summerCohort;
const cohortWeek = presentationsWindow(cohortCalendar(cohort.startDate, cohort.weeks, cohort.timezone));
const extendedWeek = presentationsWindow(
  internCalendar(cohort.startDate, cohort.weeks, cohort.timezone, [{ weeks: 2, afterWeek: 6 }]),
);
const MENTORS = new Set(['m-1', 'm-2', 'm-3']);

let ids = 0;
function open(inputs: unknown, over: Partial<Parameters<typeof PresentationSlot.open>[1]> = {}) {
  return PresentationSlot.open(inputs, {
    newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
    cohort,
    windows: [cohortWeek],
    registeredMentorIds: MENTORS,
    existing: [],
    now: NOW,
    openedBy: 'pm',
    ...over,
  });
}

const fields = violationsOf;

const slotAt = (startsAt: string, panelMentorIds = ['m-1'], durationMinutes = 30) => ({
  startsAt,
  durationMinutes,
  panelMentorIds,
});

describe('PresentationSlot.open', () => {
  it('opens slots in the presentations week with registered panels and records PresentationSlotOpened for each', () => {
    const slots = open([slotAt('2027-08-24T10:00:00+02:00', ['m-1', 'm-2']), slotAt('2027-08-24T10:30:00+02:00')]);
    expect(slots.map((s) => s.toSnapshot())).toMatchObject([
      {
        cohortId: cohort.id,
        startsAt: new Date('2027-08-24T08:00:00Z'),
        durationMinutes: 30,
        panelMentorIds: ['m-1', 'm-2'],
        bookedBy: null,
      },
      { startsAt: new Date('2027-08-24T08:30:00Z'), panelMentorIds: ['m-1'] },
    ]);
    expect(slots.flatMap((s) => s.pullDomainEvents()).map((e) => e.name)).toEqual([
      'PresentationSlotOpened',
      'PresentationSlotOpened',
    ]);
  });

  it('names every bad field by its path', () => {
    const v = fields(() =>
      open([
        slotAt('2027-08-24T10:00:00+02:00'),
        { startsAt: 'next tuesday', durationMinutes: 5, panelMentorIds: [] },
        slotAt('2027-08-20T10:00:00+02:00'), // the week before
        slotAt('2027-08-25T10:00:00+02:00', ['m-1', 'ghost', 'm-1']),
        slotAt('2027-08-24T10:15:00+02:00'), // m-1 already sits on slots[0] then
      ]),
    );
    expect(Object.keys(v).sort()).toEqual([
      'slots[1].durationMinutes',
      'slots[1].panelMentorIds',
      'slots[1].startsAt',
      'slots[2].startsAt',
      'slots[3].panelMentorIds[1]',
      'slots[3].panelMentorIds[2]',
      'slots[4].startsAt',
    ]);
    expect(v['slots[2].startsAt']).toMatch(/presentations week: 2027-08-23 to 2027-08-29 \(Europe\/Berlin\)/);
    expect(v['slots[3].panelMentorIds[1]']).toBe('ghost is not a registered mentor');
    expect(v['slots[4].startsAt']).toBe('overlaps slots[0]: panel mentor m-1 cannot sit on both');
    expect(fields(() => open([]))).toHaveProperty('slots');
    expect(fields(() => open(Array.from({ length: 51 }, () => slotAt('2027-08-24T10:00:00+02:00'))))).toHaveProperty(
      'slots',
    );
  });

  it('refuses a slot running past the end of the week, one in the past, and an overlap with an existing slot', () => {
    // Sunday 23:45 local + 30 minutes ends after the week.
    expect(fields(() => open([slotAt('2027-08-29T23:45:00+02:00')]))).toHaveProperty(['slots[0].startsAt']);
    // the cohort was advanced (sandbox) into its presentations week
    const advanced = { ...cohort, clockAt: new Date('2027-08-25T00:00:00Z') };
    expect(
      fields(() => open([slotAt('2027-08-24T10:00:00+02:00')], { cohort: advanced }))['slots[0].startsAt'],
    ).toMatch(/future/);
    const existing = open([slotAt('2027-08-26T09:00:00+02:00', ['m-2'], 60)]).map((s) => s.toSnapshot());
    expect(
      fields(() => open([slotAt('2027-08-26T09:30:00+02:00', ['m-3', 'm-2'])], { existing }))['slots[0].startsAt'],
    ).toMatch(/overlaps the slot at 2027-08-26T07:00:00.000Z: panel mentor m-2/);
    // a different panel may present in parallel
    expect(open([slotAt('2027-08-26T09:30:00+02:00', ['m-3'])], { existing })).toHaveLength(1);
  });

  it("accepts an extended intern's presentations week when it is offered, and refuses a cancelled cohort", () => {
    expect(fields(() => open([slotAt('2027-09-07T10:00:00+02:00')]))).toHaveProperty(['slots[0].startsAt']);
    expect(open([slotAt('2027-09-07T10:00:00+02:00')], { windows: [cohortWeek, extendedWeek] })).toHaveLength(1);
    expect(() =>
      open([slotAt('2027-08-24T10:00:00+02:00')], { cohort: { ...cohort, status: CohortStatus.CANCELLED } }),
    ).toThrow(ConflictError);
  });

  it('checks slots on their own (validatePresentationSlotsInput): what needs no cohort, mentors or other slots', () => {
    expect(validatePresentationSlotsInput([slotAt('2030-01-01T10:00:00+02:00', [' ghost ', 'm-1'])])).toEqual([
      { startsAt: new Date('2030-01-01T08:00:00Z'), durationMinutes: 30, panelMentorIds: ['ghost', 'm-1'] },
    ]);
    const v = fields(() =>
      validatePresentationSlotsInput([
        slotAt('2027-08-24T10:00:00+02:00'),
        { startsAt: 'next tuesday', durationMinutes: 5, panelMentorIds: [] },
        slotAt('2027-08-20T10:00:00+02:00', ['m-1', 'ghost', 'm-1', ' ']),
      ]),
    );
    expect(Object.keys(v)).toEqual([
      'slots[1].startsAt',
      'slots[1].durationMinutes',
      'slots[1].panelMentorIds',
      'slots[2].panelMentorIds[2]',
      'slots[2].panelMentorIds[3]',
    ]);
    expect(fields(() => validatePresentationSlotsInput([]))).toHaveProperty('slots');
  });
});

describe('slot booking rules', () => {
  const free = (): PresentationSlot => open([slotAt('2027-08-24T10:00:00+02:00')])[0]!;
  const ctx = (over: Partial<Parameters<PresentationSlot['book']>[1]> = {}) => ({
    enrollmentStatus: EnrollmentStatus.ACTIVE,
    presentationsWeek: cohortWeek,
    timezone: 'Europe/Berlin',
    currentBooking: null,
    programNow: NOW,
    now: NOW,
    ...over,
  });

  it('books a free slot for an ongoing intern and records PresentationSlotBooked', () => {
    const slot = free();
    slot.pullDomainEvents();
    expect(slot.book('i-1', ctx())).toBe(true);
    expect(slot.toSnapshot()).toMatchObject({ bookedBy: 'i-1', bookedAt: NOW });
    expect(slot.pullDomainEvents()).toMatchObject([{ name: 'PresentationSlotBooked', internId: 'i-1' }]);
    // booking one's own slot again changes nothing
    expect(slot.book('i-1', ctx())).toBe(false);
    expect(slot.pullDomainEvents()).toEqual([]);
  });

  it('one intern per slot', () => {
    const slot = free();
    slot.book('i-1', ctx());
    expect(() => slot.book('i-2', ctx())).toThrow(new ConflictError('the slot is already booked by another intern'));
  });

  it('one booking per intern: cancel it to rebook', () => {
    const held: Pick<PresentationSlotSnapshot, 'id' | 'startsAt'> = {
      id: 'other',
      startsAt: new Date('2027-08-25T08:00:00Z'),
    };
    expect(() => free().book('i-1', ctx({ currentBooking: held }))).toThrow(
      /one booking per intern, cancel it to rebook/,
    );
  });

  it('only before the slot starts, by the cohort clock', () => {
    const slot = free();
    expect(() => slot.book('i-1', ctx({ programNow: new Date('2027-08-24T08:00:00Z') }))).toThrow(/started/);
  });

  it('only inside the intern’s own presentations week, later when extended', () => {
    expect(() => free().book('i-1', ctx({ presentationsWeek: extendedWeek }))).toThrow(
      /outside your presentations week \(2027-09-06 to 2027-09-12 \(Europe\/Berlin\)\)/,
    );
    const late = open([slotAt('2027-09-07T10:00:00+02:00')], { windows: [cohortWeek, extendedWeek] })[0]!;
    expect(() => late.book('i-1', ctx())).toThrow(/outside your presentations week/);
    expect(late.book('i-2', ctx({ presentationsWeek: extendedWeek }))).toBe(true);
  });

  it('only while the enrollment is ongoing', () => {
    for (const status of [EnrollmentStatus.WITHDRAWN, EnrollmentStatus.TERMINATED, EnrollmentStatus.COMPLETED]) {
      expect(() => free().book('i-1', ctx({ enrollmentStatus: status }))).toThrow(ConflictError);
    }
    expect(free().book('i-1', ctx({ enrollmentStatus: EnrollmentStatus.ONBOARDING }))).toBe(true);
  });

  it('cancels before the start, by the intern who booked it or a PM, freeing the slot for a rebooking', () => {
    const slot = free();
    slot.book('i-1', ctx());
    slot.pullDomainEvents();
    expect(() => slot.cancelBooking('i-2', NOW)).toThrow(ForbiddenError);
    expect(() => slot.cancelBooking('i-1', new Date('2027-08-24T08:00:00Z'))).toThrow(/can no longer be cancelled/);
    expect(slot.cancelBooking('i-1', NOW)).toBe('i-1');
    expect(slot.pullDomainEvents()).toMatchObject([{ name: 'PresentationBookingCancelled', internId: 'i-1' }]);
    expect(() => slot.cancelBooking(null, NOW)).toThrow(/not booked/);
    expect(slot.book('i-2', ctx())).toBe(true);
    expect(slot.cancelBooking(null, NOW)).toBe('i-2'); // a program manager
  });
});
