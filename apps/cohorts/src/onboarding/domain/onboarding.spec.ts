import { describe, expect, it } from '@jest/globals';
import { ValidationError } from '#ddd';
import {
  DEFAULT_ONBOARDING_CHECKLIST,
  onboardingProgress,
  validateChecklist,
  validateChecklistInput,
} from './onboarding.js';

describe('onboarding checklists', () => {
  it('has a sensible default list', () => {
    expect(DEFAULT_ONBOARDING_CHECKLIST.length).toBeGreaterThanOrEqual(5);
    expect(DEFAULT_ONBOARDING_CHECKLIST.map((t) => t.title)).toContain('Meet your mentor');
  });

  it('validates an edited list, keeping known ids and naming each bad field', () => {
    expect(
      validateChecklist(
        [
          { id: 'a', title: ' Sign ' },
          { title: 'New', description: ' d ' },
        ],
        new Set(['a']),
      ),
    ).toEqual([
      { id: 'a', title: 'Sign', description: null },
      { id: null, title: 'New', description: 'd' },
    ]);
    try {
      validateChecklist(
        [
          { id: 'zzz', title: '' },
          { id: 'a', title: 'x' },
          { id: 'a', title: 'y', description: 'd'.repeat(2001) },
        ],
        new Set(['a']),
      );
      throw new Error('expected a ValidationError');
    } catch (err) {
      expect((err as ValidationError).violations.map((v) => v.field)).toEqual([
        'tasks[0].title',
        'tasks[0].id',
        'tasks[2].description',
        'tasks[2].id',
      ]);
    }
    expect(() => validateChecklist([], new Set())).toThrow(/1 to 30 tasks/);
  });

  it('reports progress in checklist order', () => {
    const at = new Date('2027-06-08T09:00:00Z');
    const progress = onboardingProgress(
      [
        { id: 'b', cohortId: 'c', position: 2, title: 'B', description: null },
        { id: 'a', cohortId: 'c', position: 1, title: 'A', description: null },
      ],
      new Map([['b', at]]),
    );
    expect(progress).toMatchObject({ completedCount: 1, totalCount: 2 });
    expect(progress.tasks.map((t) => [t.id, t.completed, t.completedAt])).toEqual([
      ['a', false, null],
      ['b', true, at],
    ]);
  });

  it('checks a checklist on its own (validateChecklistInput): ids at most once, whatever the cohort has', () => {
    expect(validateChecklistInput([{ id: ' zzz ', title: ' Sign ' }, { title: 'New' }])).toEqual([
      { id: 'zzz', title: 'Sign', description: null },
      { id: null, title: 'New', description: null },
    ]);
    try {
      validateChecklistInput([
        { id: 'zzz', title: '' },
        { id: 'a', title: 'x' },
        { id: 'a', title: 'y', description: 'd'.repeat(2001) },
      ]);
      throw new Error('expected a ValidationError');
    } catch (err) {
      expect((err as ValidationError).violations.map((v) => v.field)).toEqual([
        'tasks[0].title',
        'tasks[2].description',
        'tasks[2].id',
      ]);
    }
    expect(() => validateChecklistInput(Array.from({ length: 31 }, () => ({ title: 't' })))).toThrow(/1 to 30 tasks/);
  });
});
