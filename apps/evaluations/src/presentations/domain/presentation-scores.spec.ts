import { describe, expect, it } from '@jest/globals';
import { weekAt } from '#calendar';
import { ConflictError, ValidationError } from '#ddd';
import { PRESENTATION_RUBRIC } from '../../rubrics/domain/default-rubrics.js';
import {
  assertPresentationHeld,
  summarizePresentation,
  validatePresentationInputShape,
  validatePresentationScores,
} from './presentation-scores.js';

const all = (score: number) => PRESENTATION_RUBRIC.criteria.map((c) => ({ criterion: c.key, score }));

describe('presentation scores', () => {
  it('need every criterion of the presentation rubric once, 1–5, and give the mean', () => {
    const valid = validatePresentationScores(PRESENTATION_RUBRIC, [...all(4)].reverse(), '  Great demo  ');
    expect(valid.scores.map((s) => s.criterion)).toEqual([
      'CLARITY',
      'TECHNICAL_DEPTH',
      'IMPACT',
      'HANDLING_QUESTIONS',
    ]);
    expect(valid).toMatchObject({ averageScore: 4, comments: 'Great demo' });
    try {
      validatePresentationScores(PRESENTATION_RUBRIC, [{ criterion: 'CHARISMA', score: 6 }], null);
      throw new Error('expected a ValidationError');
    } catch (e) {
      expect((e as ValidationError).violations.map((v) => v.field)).toEqual([
        'scores[0].criterion',
        'scores[0].score',
        'scores',
      ]);
    }
  });

  it('have their comments checked without the rubric, as validatePresentationScores checks them', () => {
    expect(() => validatePresentationInputShape('  Great demo  ')).not.toThrow();
    expect(() => validatePresentationInputShape(null)).not.toThrow();
    const long = 'x'.repeat(10_001);
    for (const check of [
      () => validatePresentationInputShape(long),
      () => validatePresentationScores(PRESENTATION_RUBRIC, all(4), long),
    ]) {
      try {
        check();
        throw new Error('expected a ValidationError');
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        expect((e as ValidationError).violations).toEqual([
          { field: 'comments', message: 'must be at most 10000 characters' },
        ]);
      }
    }
  });

  it('are averaged per intern over the panel and per criterion over every score', () => {
    const grace = { mentorId: 'grace', scores: all(5), averageScore: 5 };
    const alan = {
      mentorId: 'alan',
      scores: [
        { criterion: 'CLARITY', score: 2 },
        { criterion: 'TECHNICAL_DEPTH', score: 3 },
        { criterion: 'IMPACT', score: 4 },
        { criterion: 'HANDLING_QUESTIONS', score: 3 },
      ],
      averageScore: 3,
    };
    expect(summarizePresentation(PRESENTATION_RUBRIC, [grace, alan])).toEqual({
      averageScore: 4,
      panelCount: 2,
      criteria: [
        { criterion: 'CLARITY', name: 'Clarity', average: 3.5, count: 2 },
        { criterion: 'TECHNICAL_DEPTH', name: 'Technical depth', average: 4, count: 2 },
        { criterion: 'IMPACT', name: 'Impact', average: 4.5, count: 2 },
        { criterion: 'HANDLING_QUESTIONS', name: 'Handling questions', average: 4, count: 2 },
      ],
    });
    expect(summarizePresentation(PRESENTATION_RUBRIC, [])).toMatchObject({ averageScore: null, panelCount: 0 });
  });

  it('can be given once the cohort clock reached the slot’s week', () => {
    expect(weekAt('2027-06-07', 'Europe/Berlin', new Date('2027-08-23T07:00:00Z'))).toBe(12);
    expect(weekAt('2027-06-07', 'Europe/Berlin', new Date('2027-06-06T21:59:00Z'))).toBe(0);
    expect(weekAt('2027-06-07', 'Europe/Berlin', new Date('2027-06-06T22:00:00Z'))).toBe(1);
    const slot = { slotId: 's-1', startsAt: new Date('2027-08-23T07:00:00Z') };
    const clock = { startDate: '2027-06-07', timezone: 'Europe/Berlin' };
    expect(() => assertPresentationHeld(slot, { ...clock, currentWeek: 11 })).toThrow(ConflictError);
    expect(() => assertPresentationHeld(slot, { ...clock, currentWeek: 11 })).toThrow(
      /week 12.*the cohort is in week 11/,
    );
    expect(() => assertPresentationHeld(slot, { ...clock, currentWeek: 12 })).not.toThrow();
    expect(() => assertPresentationHeld(slot, { ...clock, currentWeek: 13 })).not.toThrow();
    expect(() => assertPresentationHeld(slot, null)).toThrow(ConflictError);
  });
});
