import { describe, expect, it } from '@jest/globals';
import { ValidationError } from '#ddd';
import { cleanPreferences, pointsOf, unknownPartiesError, validatePreferences } from './preferences.js';

const fieldsOf = (attempt: () => unknown): string[] => {
  try {
    attempt();
  } catch (e) {
    if (e instanceof ValidationError) return e.violations.map((v) => v.field);
    throw e;
  }
  return [];
};

describe('matching preferences', () => {
  it('keeps weights of 0–1, trims ids and drops repeated exclusions (the first kept)', () => {
    const { preferences, positions } = cleanPreferences({
      cohortId: ' c-1 ',
      weights: { expertise: 1, timezone: 0, workload: 0.25 },
      exclusions: [
        { internId: ' ada ', mentorId: 'grace' },
        { internId: 'bob', mentorId: 'grace' },
        { internId: 'ada', mentorId: 'grace ' },
      ],
    });
    expect(preferences).toEqual({
      cohortId: 'c-1',
      weights: { expertise: 1, timezone: 0, workload: 0.25 },
      exclusions: [
        { internId: 'ada', mentorId: 'grace' },
        { internId: 'bob', mentorId: 'grace' },
      ],
    });
    expect(positions).toEqual([0, 1]);
  });

  it('names every bad field at once', () => {
    expect(
      fieldsOf(() =>
        validatePreferences({
          cohortId: ' ',
          weights: { expertise: 1.5, timezone: -0.1, workload: Number.NaN },
          exclusions: [{ internId: '', mentorId: 'm' }, { internId: 'i', mentorId: ' ' }, null],
        }),
      ),
    ).toEqual([
      'cohortId',
      'weights.expertise',
      'weights.timezone',
      'weights.workload',
      'exclusions[0].internId',
      'exclusions[1].mentorId',
      'exclusions[2].internId',
      'exclusions[2].mentorId',
    ]);
    expect(fieldsOf(() => validatePreferences({ cohortId: 'c', weights: null, exclusions: [] }))).toEqual(['weights']);
  });

  it('refuses weights that are all zero', () => {
    expect(
      fieldsOf(() =>
        validatePreferences({ cohortId: 'c', weights: { expertise: 0, timezone: 0, workload: 0 }, exclusions: [] }),
      ),
    ).toEqual(['weights']);
  });

  it('turns weights into points that add up to 100', () => {
    expect(pointsOf({ expertise: 0.6, timezone: 0.3, workload: 0.1 })).toEqual({
      expertise: 60,
      workingHours: 30,
      load: 10,
    });
    expect(pointsOf({ expertise: 1, timezone: 1, workload: 0 })).toEqual({ expertise: 50, workingHours: 50, load: 0 });
  });

  it('names exclusions of interns or mentors the cohort does not know, at their place in the input', () => {
    const error = unknownPartiesError(
      [
        { internId: 'ada', mentorId: 'grace' },
        { internId: 'ghost', mentorId: 'nobody' },
      ],
      [0, 2],
      (id) => id === 'ada',
      (id) => id === 'grace',
    );
    expect(error!.violations.map((v) => v.field)).toEqual(['exclusions[2].internId', 'exclusions[2].mentorId']);
    expect(
      unknownPartiesError(
        [{ internId: 'ada', mentorId: 'grace' }],
        [0],
        () => true,
        () => true,
      ),
    ).toBeNull();
  });
});
