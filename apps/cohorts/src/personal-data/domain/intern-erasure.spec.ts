import { describe, expect, it } from '@jest/globals';
import { violatedFields } from '#testing';
import {
  addMonths,
  cohortEndDate,
  cohortStillNeedsData,
  erasedIntern,
  retentionDueAt,
  retentionReason,
  scrubbed,
  validateErasureInput,
} from './intern-erasure.js';

const SUMMER = { startDate: '2027-06-07', weeks: 12, timezone: 'Europe/Berlin' };

describe('validateErasureInput', () => {
  it('trims both fields and takes a reason of up to 500 characters', () => {
    expect(validateErasureInput({ internId: ' intern-1 ', reason: ` ${'x'.repeat(500)} ` })).toEqual({
      internId: 'intern-1',
      reason: 'x'.repeat(500),
    });
  });

  it('names every bad field together', () => {
    expect(violatedFields(() => validateErasureInput({ internId: '', reason: '  ' }))).toEqual(['internId', 'reason']);
    expect(violatedFields(() => validateErasureInput({ internId: null, reason: 'x'.repeat(501) }))).toEqual([
      'internId',
      'reason',
    ]);
  });
});

describe('erased values', () => {
  it('are the contracts’ erasedValue: "Erased intern", an undeliverable address, an empty university', () => {
    expect(erasedIntern('Intern_42')).toEqual({
      name: 'Erased intern',
      email: 'erased-intern-42@erased.invalid',
      university: '',
    });
  });

  it('scrub every mention of the name or e-mail from free text, in any case', () => {
    const person = { name: 'Ada Lovelace', email: 'ada@example.com' };
    expect(scrubbed('ADA LOVELACE (ada@Example.com) left; ada lovelace thanked us', person, erasedIntern('i-1'))).toBe(
      'Erased intern (erased-i-1@erased.invalid) left; Erased intern thanked us',
    );
    expect(scrubbed('a.b (regex) kept', { name: 'a.b (regex', email: 'x@y.z' }, erasedIntern('i'))).toBe(
      'Erased intern) kept',
    );
  });
});

describe('retention dates', () => {
  it('adds months to a calendar date, clamping to the end of the month', () => {
    expect(addMonths('2027-08-30', 24)).toBe('2029-08-30');
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2027-11-15', 3)).toBe('2028-02-15');
  });

  it('fall due at local midnight after the cohort’s last day, N months on', () => {
    expect(cohortEndDate(SUMMER)).toBe('2027-08-29');
    expect(retentionDueAt(SUMMER, 24)).toEqual(new Date('2029-08-29T22:00:00Z')); // CEST
    expect(retentionDueAt({ ...SUMMER, timezone: 'America/New_York' }, 1)).toEqual(new Date('2027-09-30T04:00:00Z'));
    expect(retentionReason(24)).toBe('retention policy: cohort completed more than 24 months ago');
  });

  it('a cohort needs its interns’ data until it completed N months ago; a cancelled one never does', () => {
    const now = new Date('2029-08-30T00:00:00Z');
    expect(cohortStillNeedsData({ ...SUMMER, status: 'IN_PROGRESS' }, now, 24)).toBe(true);
    expect(cohortStillNeedsData({ ...SUMMER, status: 'SCHEDULED' }, now, 24)).toBe(true);
    expect(cohortStillNeedsData({ ...SUMMER, status: 'COMPLETED' }, now, 24)).toBe(false);
    expect(cohortStillNeedsData({ ...SUMMER, status: 'COMPLETED' }, now, 25)).toBe(true);
    expect(cohortStillNeedsData({ ...SUMMER, status: 'CANCELLED' }, now, 24)).toBe(false);
  });
});
