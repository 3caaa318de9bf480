import { describe, expect, it } from '@jest/globals';
import { ValidationError } from '#ddd';
import { DEFAULT_RUBRICS, defaultRubric, PRESENTATION_RUBRIC, PROGRAM_RUBRIC } from './default-rubrics.js';
import { assertWellFormedRubric, meanScore, validateRubricScores, type Rubric } from './rubric.js';

function violations(fn: () => void): { field: string; message: string }[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return (err as ValidationError).violations;
  }
  throw new Error('expected a ValidationError');
}

const allThrees = (rubric: Rubric) => rubric.criteria.map((c) => ({ key: c.key, score: 3 }));

describe('default rubrics', () => {
  it('program rubric has the six competencies, presentation rubric the four criteria', () => {
    expect(PROGRAM_RUBRIC.criteria.map((c) => c.key)).toEqual([
      'TECHNICAL_EXECUTION',
      'ML_DATA_FUNDAMENTALS',
      'PROBLEM_SOLVING',
      'COMMUNICATION',
      'COLLABORATION',
      'OWNERSHIP',
    ]);
    expect(PRESENTATION_RUBRIC.criteria.map((c) => c.key)).toEqual([
      'CLARITY',
      'TECHNICAL_DEPTH',
      'IMPACT',
      'HANDLING_QUESTIONS',
    ]);
    expect(defaultRubric('PROGRAM')).toBe(PROGRAM_RUBRIC);
    expect(defaultRubric('PRESENTATION')).toBe(PRESENTATION_RUBRIC);
  });

  it('every criterion describes each level from 1 to 5, and no two level descriptions repeat', () => {
    for (const rubric of DEFAULT_RUBRICS) {
      expect(() => assertWellFormedRubric(rubric)).not.toThrow();
      for (const c of rubric.criteria) {
        expect(c.levels.map((l) => l.score)).toEqual([1, 2, 3, 4, 5]);
        expect(new Set(c.levels.map((l) => l.description)).size).toBe(5);
      }
    }
  });

  it('is frozen all the way down', () => {
    expect(Object.isFrozen(PROGRAM_RUBRIC.criteria[0]!.levels[0])).toBe(true);
    expect(() => (PROGRAM_RUBRIC.criteria as unknown as unknown[]).push({})).toThrow(TypeError);
  });
});

describe('assertWellFormedRubric', () => {
  it('names every malformed field', () => {
    const broken: Rubric = {
      kind: 'PROGRAM',
      name: 'Tailored',
      description: 'x',
      criteria: [
        { ...PROGRAM_RUBRIC.criteria[0]!, key: 'technical' },
        { ...PROGRAM_RUBRIC.criteria[1]!, key: 'OWNERSHIP', levels: PROGRAM_RUBRIC.criteria[1]!.levels.slice(0, 4) },
        { ...PROGRAM_RUBRIC.criteria[2]!, key: 'OWNERSHIP' },
      ],
    };
    expect(violations(() => assertWellFormedRubric(broken)).map((v) => v.field)).toEqual([
      'rubric.criteria[0].key',
      'rubric.criteria[1].levels',
      'rubric.criteria[2].key',
    ]);
    expect(violations(() => assertWellFormedRubric({ ...broken, criteria: [] }))).toEqual([
      { field: 'rubric.criteria', message: 'needs at least one criterion' },
    ]);
  });
});

describe('validateRubricScores', () => {
  it('accepts one score from 1 to 5 for every criterion', () => {
    expect(() => validateRubricScores(PROGRAM_RUBRIC, allThrees(PROGRAM_RUBRIC))).not.toThrow();
    expect(() =>
      validateRubricScores(
        PRESENTATION_RUBRIC,
        PRESENTATION_RUBRIC.criteria.map((c, i) => ({ key: c.key, score: i + 2 })),
      ),
    ).not.toThrow();
  });

  it('refuses scores out of range or not whole, naming the field', () => {
    const scores = allThrees(PROGRAM_RUBRIC);
    scores[1] = { ...scores[1]!, score: 6 };
    scores[4] = { ...scores[4]!, score: 2.5 };
    expect(
      violations(() => validateRubricScores(PROGRAM_RUBRIC, scores, { keyField: 'competency' })).map((v) => v.field),
    ).toEqual(['scores[1].score', 'scores[4].score']);
    expect(
      violations(() =>
        validateRubricScores(PROGRAM_RUBRIC, [{ key: 'OWNERSHIP', score: 0 }], { field: 'input.scores' }),
      )[0],
    ).toEqual({
      field: 'input.scores[0].score',
      message: 'must be a whole number from 1 to 5',
    });
  });

  it('refuses unknown, repeated and missing criteria', () => {
    const scores = [...allThrees(PRESENTATION_RUBRIC), { key: 'CLARITY', score: 4 }, { key: 'CHARISMA', score: 5 }];
    const found = violations(() => validateRubricScores(PRESENTATION_RUBRIC, scores, { keyField: 'criterion' }));
    expect(found.map((v) => v.field)).toEqual(['scores[4].criterion', 'scores[5].criterion']);
    expect(found[0]!.message).toContain('more than once');
    expect(found[1]!.message).toContain('not part of the Presentation rubric');

    const missing = violations(() => validateRubricScores(PROGRAM_RUBRIC, allThrees(PROGRAM_RUBRIC).slice(2)));
    expect(missing).toEqual([
      { field: 'scores', message: 'missing a score for TECHNICAL_EXECUTION, ML_DATA_FUNDAMENTALS' },
    ]);
  });
});

describe('meanScore', () => {
  it('averages to two decimals', () => {
    expect(meanScore([])).toBeUndefined();
    expect(
      meanScore([
        { key: 'A', score: 4 },
        { key: 'B', score: 3 },
        { key: 'C', score: 3 },
      ]),
    ).toBe(3.33);
  });
});
