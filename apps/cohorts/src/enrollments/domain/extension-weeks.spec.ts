import { describe, expect, it } from '@jest/globals';
import { ValidationError } from '#ddd';
import { validateExtensionWeeks } from './extension-weeks.js';

describe('extension weeks', () => {
  it('allows 1 to 5 weeks in total, naming the weeks field', () => {
    expect(validateExtensionWeeks(5, 0)).toBe(5);
    expect(validateExtensionWeeks(1, 4)).toBe(1);
    for (const bad of [0, 6, 1.5, -1, '2']) {
      expect(() => validateExtensionWeeks(bad, 0)).toThrow(ValidationError);
    }
    const err = (() => {
      try {
        validateExtensionWeeks(3, 3);
      } catch (e) {
        return e as ValidationError;
      }
    })();
    expect(err?.violations).toEqual([
      { field: 'weeks', message: 'would extend the internship by 6 weeks in total; at most 5 (already extended by 3)' },
    ]);
  });
});
