import { describe, expect, it } from '@jest/globals';
import { ValidationError, Violations } from './domain-error.js';
import { email, enumOf, intRange, requiredId, requiredText, timeZone } from './inputs.js';

function refusal(read: () => unknown): unknown {
  try {
    read();
  } catch (err) {
    if (err instanceof ValidationError) return err.violations;
    throw err;
  }
  throw new Error('accepted');
}

describe('input building blocks', () => {
  it('trim required ids and texts and refuse blanks, non-strings and long values, naming the field', () => {
    expect(requiredId('cohortId', '  c-1 ')).toBe('c-1');
    expect(refusal(() => requiredId('cohortId', '  '))).toEqual([{ field: 'cohortId', message: 'is required' }]);
    expect(refusal(() => requiredId('cohortId', 42))).toEqual([{ field: 'cohortId', message: 'is required' }]);
    expect(refusal(() => requiredId('cohortId', 'x'.repeat(201)))).toEqual([
      { field: 'cohortId', message: 'must be at most 200 characters' },
    ]);
    expect(refusal(() => requiredId('internId', null, { blank: 'must not be empty' }))).toEqual([
      { field: 'internId', message: 'must not be empty' },
    ]);
    expect(requiredText('name', ' Ada ', { max: 3 })).toBe('Ada');
    expect(refusal(() => requiredText('name', 'Ada L', { max: 3 }))).toEqual([
      { field: 'name', message: 'must be at most 3 characters' },
    ]);
  });

  it('check enums, whole-number ranges, time zones and emails', () => {
    expect(enumOf('role', 'PRIMARY', ['PRIMARY', 'CO_MENTOR'])).toBe('PRIMARY');
    expect(enumOf('mode', 'REMOTE', { REMOTE: 'REMOTE', ON_SITE: 'ON_SITE' })).toBe('REMOTE');
    expect(refusal(() => enumOf('role', 'BOSS', ['PRIMARY', 'CO_MENTOR']))).toEqual([
      { field: 'role', message: 'must be one of PRIMARY, CO_MENTOR' },
    ]);
    expect(intRange('weeks', 12, { min: 10, max: 22 })).toBe(12);
    for (const bad of [9, 23, 12.5, '12', null]) {
      expect(refusal(() => intRange('weeks', bad, { min: 10, max: 22 }))).toEqual([
        { field: 'weeks', message: 'must be a whole number from 10 to 22' },
      ]);
    }
    expect(refusal(() => intRange('toWeek', 0, { min: 1, message: 'too early' }))).toEqual([
      { field: 'toWeek', message: 'too early' },
    ]);
    expect(timeZone('timezone', ' Europe/Berlin ')).toBe('Europe/Berlin');
    expect(refusal(() => timeZone('timezone', 'Mars/Olympus'))).toEqual([
      { field: 'timezone', message: 'must be an IANA time zone such as Europe/Berlin' },
    ]);
    expect(email('email', ' ada@example.com ')).toBe('ada@example.com');
    expect(refusal(() => email('email', 'ada'))).toEqual([{ field: 'email', message: 'is not a valid email address' }]);
    expect(refusal(() => email('email', ''))).toEqual([{ field: 'email', message: 'is required' }]);
  });

  it('collect every refused field into a Violations when given one', () => {
    const v = new Violations();
    expect(requiredId('internId', '', {}, v)).toBe('');
    expect(enumOf('role', 'X', ['A'], v)).toBeUndefined();
    expect(intRange('capacity', 0, { min: 1, max: 1000 }, v)).toBeUndefined();
    expect(email('email', 'nope', v)).toBe('nope');
    expect(refusal(() => v.throwIfAny())).toEqual([
      { field: 'internId', message: 'is required' },
      { field: 'role', message: 'must be one of A' },
      { field: 'capacity', message: 'must be a whole number from 1 to 1000' },
      { field: 'email', message: 'is not a valid email address' },
    ]);
  });
});
