import { describe, expect, it } from '@jest/globals';
import { ConflictError, NotFoundError, ValidationError } from '#ddd';
import { CohortStatus, type CohortSnapshot } from '../../cohorts/domain/cohort.js';
import { NOW, summerCohort } from '../../shared/domain/testing/cohort-fixtures.js';
import {
  DegreeLevel,
  Enrollment,
  EnrollmentStatus,
  OfferStatus,
  returnOfferOf,
  validateExtensionInput,
  validateReason,
} from './enrollment.js';
import type { OnboardingTask } from '../../onboarding/domain/onboarding.js';

const cohort: CohortSnapshot = summerCohort;
const started: CohortSnapshot = { ...cohort, status: CohortStatus.IN_PROGRESS, currentWeek: 1 };
const details = {
  internId: 'i-1',
  name: 'Ines',
  email: 'ines@example.com',
  university: 'TU Delft',
  degreeLevel: DegreeLevel.MASTERS,
  focusAreas: ['nlp'],
  timezone: 'Europe/Amsterdam',
};
const enrollment = (status = EnrollmentStatus.ONBOARDING) => Enrollment.create('e-1', cohort.id, details, NOW, status);
const tasks: OnboardingTask[] = ['a', 'b', 'c'].map((id, i) => ({
  id,
  cohortId: cohort.id,
  position: i + 1,
  title: `Task ${id}`,
  description: null,
}));
/** Inside week `week` of the cohort (Berlin): Wednesday noon. */
const inWeek = (week: number) => new Date(Date.parse('2027-06-09T10:00:00Z') + (week - 1) * 7 * 86_400_000);

describe('Enrollment onboarding', () => {
  it('records each task and, with the last one, OnboardingCompleted and ACTIVE', () => {
    const e = enrollment();
    expect(e.completeOnboardingTask('a', tasks, new Set(), NOW)).toBe(true);
    expect(e.completeOnboardingTask('b', tasks, new Set(['a']), NOW)).toBe(true);
    expect(e.status).toBe(EnrollmentStatus.ONBOARDING);
    expect(e.completeOnboardingTask('c', tasks, new Set(['a', 'b']), NOW)).toBe(true);
    expect(e.toSnapshot()).toMatchObject({ status: EnrollmentStatus.ACTIVE, onboardingCompletedAt: NOW });
    expect(
      e.pullDomainEvents().map((ev) => (ev.name === 'OnboardingTaskCompleted' ? `${ev.name}:${ev.taskId}` : ev.name)),
    ).toEqual([
      'OnboardingTaskCompleted:a',
      'OnboardingTaskCompleted:b',
      'OnboardingTaskCompleted:c',
      'OnboardingCompleted',
    ]);
  });

  it('changes nothing for a task done before, refuses an unknown task, and waits for the cohort to start', () => {
    const e = enrollment();
    expect(e.completeOnboardingTask('a', tasks, new Set(['a']), NOW)).toBe(false);
    expect(e.pullDomainEvents()).toEqual([]);
    expect(() => e.completeOnboardingTask('zzz', tasks, new Set(), NOW)).toThrow(NotFoundError);
    expect(() => enrollment(EnrollmentStatus.ENROLLED).completeOnboardingTask('a', tasks, new Set(), NOW)).toThrow(
      /onboarding opens when the cohort starts/,
    );
    expect(() => enrollment(EnrollmentStatus.WITHDRAWN).completeOnboardingTask('a', tasks, new Set(), NOW)).toThrow(
      ConflictError,
    );
  });
});

describe('Enrollment ends', () => {
  it('withdraws with a reason, once', () => {
    const e = enrollment(EnrollmentStatus.ACTIVE);
    expect(() => e.withdraw('  ', 'pm', NOW)).toThrow(ValidationError);
    e.withdraw('moved abroad', 'pm', NOW);
    expect(e.toSnapshot()).toMatchObject({ status: 'WITHDRAWN', endedAt: NOW, endReason: 'moved abroad' });
    expect(e.pullDomainEvents()).toMatchObject([
      { name: 'InternWithdrawn', reason: 'moved abroad', withdrawnBy: 'pm', internId: 'i-1' },
    ]);
    expect(() => e.withdraw('again', 'pm', NOW)).toThrow(ConflictError);
    expect(() => e.terminate('x', NOW)).toThrow(ConflictError);
  });

  it('terminates and completes only an ongoing enrollment', () => {
    const t = enrollment(EnrollmentStatus.ACTIVE);
    t.terminate('midpoint decision', NOW);
    expect(t.status).toBe('TERMINATED');
    expect(() => t.complete('PASS', NOW)).toThrow(ConflictError);
    const c = enrollment(EnrollmentStatus.ACTIVE);
    c.complete('PASS', NOW);
    expect(c.toSnapshot()).toMatchObject({ status: 'COMPLETED', outcome: 'PASS' });
    expect(c.pullDomainEvents()).toMatchObject([{ name: 'InternCompleted', outcome: 'PASS' }]);
  });
});

describe('Enrollment.extend', () => {
  it('inserts the weeks after the current week and announces the new dates', () => {
    const e = enrollment(EnrollmentStatus.ACTIVE);
    const { grant, calendar } = e.extend(
      { weeks: 2, reason: 'needs more time', source: 'PROGRAM_MANAGER' },
      { cohort: started, grants: [], now: inWeek(6) },
    );
    expect(grant).toEqual({ weeks: 2, afterWeek: 6 });
    expect(calendar.keyDates.programEnd).toBe('2027-09-12');
    expect(e.extensionWeeks).toBe(2);
    expect(e.pullDomainEvents()).toEqual([
      {
        name: 'InternshipExtended',
        enrollmentId: 'e-1',
        cohortId: cohort.id,
        internId: 'i-1',
        weeks: 2,
        totalExtensionWeeks: 2,
        programWeeks: 14,
        afterWeek: 6,
        newEndDate: '2027-09-12',
        presentationsWeek: { startsOn: '2027-09-06', endsOn: '2027-09-12' },
        finalEvaluationsDue: '2027-09-12',
        reason: 'needs more time',
        source: 'PROGRAM_MANAGER',
      },
    ]);
  });

  it("uses the cohort's program time: a cohort advanced in sandbox mode counts from its clock", () => {
    const e = enrollment(EnrollmentStatus.ACTIVE);
    const advanced = { ...started, clockAt: new Date('2027-08-22T22:00:00Z') }; // start of week 12 (Berlin)
    expect(
      e.extend({ weeks: 1, reason: 'r', source: 'PROGRAM_MANAGER' }, { cohort: advanced, grants: [], now: NOW }).grant,
    ).toEqual({
      weeks: 1,
      afterWeek: 11,
    });
  });

  it('refuses more than 5 weeks in total and names both fields at once', () => {
    const e = Enrollment.rehydrate({ ...enrollment(EnrollmentStatus.ACTIVE).toSnapshot(), extensionWeeks: 4 });
    try {
      e.extend(
        { weeks: 2, reason: '', source: 'PROGRAM_MANAGER' },
        { cohort: started, grants: [{ weeks: 4, afterWeek: 6 }], now: inWeek(7) },
      );
      throw new Error('expected a ValidationError');
    } catch (err) {
      expect((err as ValidationError).violations.map((v) => v.field)).toEqual(['weeks', 'reason']);
    }
    expect(e.extensionWeeks).toBe(4);
  });

  it('refuses after the intern’s own program ended, and for an enrollment that is over', () => {
    const e = enrollment(EnrollmentStatus.ACTIVE);
    const after = new Date('2027-08-30T00:00:00Z'); // the Monday after week 12
    expect(() =>
      e.extend({ weeks: 1, reason: 'r', source: 'PROGRAM_MANAGER' }, { cohort: started, grants: [], now: after }),
    ).toThrow(/ended on 2027-08-29/);
    // …but an intern already extended is still in their program then
    const extended = Enrollment.rehydrate({ ...e.toSnapshot(), extensionWeeks: 2 });
    expect(
      extended.extend(
        { weeks: 1, reason: 'r', source: 'PROGRAM_MANAGER' },
        { cohort: started, grants: [{ weeks: 2, afterWeek: 6 }], now: after },
      ).calendar.programWeeks,
    ).toBe(15);
    expect(() =>
      enrollment(EnrollmentStatus.WITHDRAWN).extend(
        { weeks: 1, reason: 'r', source: 'PROGRAM_MANAGER' },
        { cohort: started, grants: [], now: NOW },
      ),
    ).toThrow(ConflictError);
  });

  it('checks weeks and reason on their own (validateExtensionInput), both named at once; the total needs the enrollment', () => {
    expect(validateExtensionInput({ weeks: 5, reason: '  needs time ' })).toEqual({ weeks: 5, reason: 'needs time' });
    try {
      validateExtensionInput({ weeks: 0, reason: ' ' });
      throw new Error('expected a ValidationError');
    } catch (err) {
      expect((err as ValidationError).violations).toEqual([
        { field: 'weeks', message: 'must be a whole number from 1 to 5' },
        { field: 'reason', message: 'is required' },
      ]);
    }
    expect(() => validateExtensionInput({ weeks: 6, reason: 'r' })).toThrow(/weeks/);
    expect(() => validateExtensionInput({ weeks: 1, reason: 'x'.repeat(1001) })).toThrow(/reason/);
    expect(validateReason(' moved abroad ')).toBe('moved abroad');
    expect(() => validateReason(42)).toThrow(ValidationError);
  });
});

describe('Enrollment: off the happy path', () => {
  const grant = (id: string, weeks: number, afterWeek: number, sourceRef: string | null) => ({
    id,
    enrollmentId: 'e-1',
    weeks,
    afterWeek,
    reason: 'r',
    source: (sourceRef ? 'MIDPOINT_DECISION' : 'PROGRAM_MANAGER') as 'MIDPOINT_DECISION' | 'PROGRAM_MANAGER',
    sourceRef,
    grantedBy: 'x',
    grantedAt: NOW,
  });

  it('revokes one extension: the others stay where they were placed, the calendar is computed without it', () => {
    const e = Enrollment.rehydrate({ ...enrollment(EnrollmentStatus.ACTIVE).toSnapshot(), extensionWeeks: 3 });
    const midpoint = grant('g-1', 2, 6, 'evaluation:ev-1');
    const pm = grant('g-2', 1, 9, null);
    const { remaining, calendar } = e.revokeExtension(midpoint, [midpoint, pm], cohort, 'corrected');
    expect(remaining).toEqual([pm]);
    expect(calendar.programWeeks).toBe(13);
    expect(e.extensionWeeks).toBe(1);
    expect(e.pullDomainEvents()).toEqual([
      expect.objectContaining({
        name: 'InternshipExtensionRevoked',
        revokedWeeks: 2,
        extensions: [{ afterWeek: 9, weeks: 1 }],
        totalExtensionWeeks: 1,
        programWeeks: 13,
        newEndDate: '2027-09-05',
        presentationsWeek: { startsOn: '2027-08-30', endsOn: '2027-09-05' },
        finalEvaluationsDue: '2027-09-05',
        reason: 'corrected',
      }),
    ]);
    expect(() => enrollment(EnrollmentStatus.WITHDRAWN).revokeExtension(midpoint, [midpoint], cohort, 'x')).toThrow(
      ConflictError,
    );
  });

  it('records a refused extension and changes nothing else', () => {
    const e = Enrollment.rehydrate({ ...enrollment(EnrollmentStatus.ACTIVE).toSnapshot(), extensionWeeks: 4 });
    const before = e.toSnapshot();
    e.refuseExtension({ evaluationId: 'ev-1', mentorId: 'm-1', requestedWeeks: 2, reason: 'beyond 5 weeks' });
    expect(e.toSnapshot()).toEqual(before);
    expect(e.pullDomainEvents()).toEqual([
      expect.objectContaining({ name: 'InternshipExtensionRefused', requestedWeeks: 2, totalExtensionWeeks: 4 }),
    ]);
  });

  it('corrects the outcome of a COMPLETED enrollment (InternCompleted again), only when it differs', () => {
    const e = enrollment(EnrollmentStatus.ACTIVE);
    e.complete('FAIL', NOW);
    e.pullDomainEvents();
    expect(e.correctOutcome('FAIL')).toBe(false);
    expect(e.pullDomainEvents()).toEqual([]);
    expect(e.correctOutcome('PASS')).toBe(true);
    expect(e.toSnapshot()).toMatchObject({ status: 'COMPLETED', outcome: 'PASS' });
    expect(e.pullDomainEvents()).toEqual([expect.objectContaining({ name: 'InternCompleted', outcome: 'PASS' })]);
    expect(() => enrollment(EnrollmentStatus.ACTIVE).correctOutcome('PASS')).toThrow(ConflictError);
  });

  it('reinstates only a WITHDRAWN enrollment, forgetting its end', () => {
    const e = enrollment(EnrollmentStatus.ACTIVE);
    e.withdraw('moved', 'pm', NOW);
    e.pullDomainEvents();
    e.reinstate('back', 'pm');
    expect(e.toSnapshot()).toMatchObject({ status: 'ACTIVE', endedAt: null, endReason: null });
    expect(e.pullDomainEvents()).toEqual([
      expect.objectContaining({ name: 'InternReinstated', reason: 'back', reinstatedBy: 'pm' }),
    ]);
    expect(() => e.reinstate('again', 'pm')).toThrow(ConflictError);
  });
});

describe('Enrollment return offer', () => {
  const later = new Date(NOW.getTime() + 86_400_000);

  it('keeps the recommendation of the outcome, a corrected one replacing it without an event', () => {
    const e = enrollment(EnrollmentStatus.ACTIVE);
    e.complete('PASS', NOW, 'YES');
    expect(returnOfferOf(e.toSnapshot())).toEqual({ recommendation: 'YES', status: null, decidedAt: null });
    e.pullDomainEvents();
    expect(e.recommendOffer('STRONG_YES')).toBe(true);
    expect(e.recommendOffer('STRONG_YES')).toBe(false);
    expect(e.toSnapshot().offerRecommendation).toBe('STRONG_YES');
    expect(e.pullDomainEvents()).toEqual([]);
  });

  it('goes EXTENDED then ACCEPTED or DECLINED, the same status again being a no-op', () => {
    const e = enrollment(EnrollmentStatus.ACTIVE);
    e.complete('PASS', NOW, 'NO'); // a PM may offer against the recommendation
    e.pullDomainEvents();
    expect(e.decideOffer(OfferStatus.EXTENDED, 'pm-1', NOW)).toBe(true);
    expect(e.decideOffer(OfferStatus.EXTENDED, 'pm-1', later)).toBe(false);
    expect(e.decideOffer(OfferStatus.DECLINED, 'pm-1', later)).toBe(true);
    expect(returnOfferOf(e.toSnapshot())).toEqual({ recommendation: 'NO', status: 'DECLINED', decidedAt: later });
    expect(e.pullDomainEvents().map((ev) => (ev.name === 'ReturnOfferDecided' ? ev.status : ev.name))).toEqual([
      'EXTENDED',
      'DECLINED',
    ]);
    expect(() => e.decideOffer(OfferStatus.ACCEPTED, 'pm-1', later)).toThrow(ConflictError);
    expect(() => e.decideOffer(OfferStatus.EXTENDED, 'pm-1', later)).toThrow(ConflictError);
  });

  it('offers only a COMPLETED enrollment with outcome PASS, and EXTENDED first', () => {
    expect(() => enrollment(EnrollmentStatus.ACTIVE).decideOffer(OfferStatus.EXTENDED, 'pm-1', NOW)).toThrow(
      'the enrollment of intern i-1 is ACTIVE: only an intern who completed with PASS can be offered',
    );
    const failed = enrollment(EnrollmentStatus.ACTIVE);
    failed.complete('FAIL', NOW, 'NO');
    expect(() => failed.decideOffer(OfferStatus.EXTENDED, 'pm-1', NOW)).toThrow(ConflictError);
    const passed = enrollment(EnrollmentStatus.ACTIVE);
    passed.complete('PASS', NOW, 'YES');
    for (const status of [OfferStatus.ACCEPTED, OfferStatus.DECLINED]) {
      expect(() => passed.decideOffer(status, 'pm-1', NOW)).toThrow('record EXTENDED first');
    }
    expect(passed.toSnapshot().offerStatus).toBeNull();
  });
});
