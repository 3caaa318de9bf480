import { describe, expect, it } from '@jest/globals';
import { redactPersonalText } from '#ddd';
import { erasedEmail, erasedName, erasureNeedles, isErasedAddress } from './erasure.js';

describe('erasure in the gateway', () => {
  it('names an erased intern or mentor as every service does, with an address that is never delivered', () => {
    expect(erasedName('INTERN', 'i-1')).toBe('Erased intern');
    expect(erasedName('MENTOR', 'm-1')).toBe('Erased mentor');
    expect(erasedEmail('INTERN', 'Intern_42')).toBe('erased-intern-42@erased.invalid');
    expect(isErasedAddress(erasedEmail('MENTOR', 'm-1'))).toBe(true);
    expect(isErasedAddress(' X@ERASED.INVALID ')).toBe(true);
    expect(isErasedAddress('ada@example.org')).toBe(false);
    expect(isErasedAddress('ada@erased.invalid.example.org')).toBe(false);
    expect(isErasedAddress(null)).toBe(false);
  });

  it('rewrites a notification naming the intern and their mentor, one person at a time', () => {
    const body = 'Grace Hopper logged no check-in with Ada Lovelace in week 3 (ada@example.org).';
    const intern = erasureNeedles('INTERN', 'i-1', { names: ['Ada Lovelace'], emails: ['ada@example.org'] });
    const once = redactPersonalText(body, intern);
    expect(once).toBe('Grace Hopper logged no check-in with Erased intern in week 3 (erased-i-1@erased.invalid).');
    const mentor = erasureNeedles('MENTOR', 'm-1', { names: ['Grace Hopper'], emails: [] });
    expect(redactPersonalText(once, mentor)).toBe(
      'Erased mentor logged no check-in with Erased intern in week 3 (erased-i-1@erased.invalid).',
    );
    // Erased again (a second erasure event): the erased name is nothing to look for.
    expect(erasureNeedles('INTERN', 'i-1', { names: ['Erased intern'], emails: [] })).toEqual([]);
  });
});
