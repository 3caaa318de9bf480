import { describe, expect, it } from '@jest/globals';
import { InternEnrolledV1, MentorProfileUpdatedV1, CohortScheduledV1, erasedValue } from '#contracts';
import { isSealed, newPersonalDataKey, openValue, SealedValueInvalid, sealValue } from './cipher.js';
import { hasSealedFields, openPersonalFields, personalSubject, sealPersonalFields } from './personal-fields.js';

const enrolled = {
  enrollmentId: 'e-1',
  cohortId: 'c-1',
  internId: 'i-1',
  name: 'Ada Lovelace',
  email: 'ada@example.org',
  university: 'University of London',
  degreeLevel: 'PHD' as const,
  focusAreas: ['maths'],
  timezone: 'Europe/London',
};

describe('sealing one value', () => {
  const key = newPersonalDataKey();

  it('round-trips, with a fresh IV each time, and never shows the clear text', () => {
    const a = sealValue(key, 'i-1', 'Ada Lovelace');
    const b = sealValue(key, 'i-1', 'Ada Lovelace');
    expect(isSealed(a)).toBe(true);
    expect(a).not.toBe(b);
    expect(a).not.toContain('Ada');
    expect(openValue(key, 'i-1', a)).toBe('Ada Lovelace');
  });

  it('refuses another key, another person, and a tampered value', () => {
    const sealed = sealValue(key, 'i-1', 'Ada Lovelace');
    expect(() => openValue(newPersonalDataKey(), 'i-1', sealed)).toThrow(SealedValueInvalid);
    expect(() => openValue(key, 'i-2', sealed)).toThrow(SealedValueInvalid);
    // Each byte of the IV, the tag and the ciphertext flipped in turn (flipping a character of the
    // text could touch only the unused bits of the last base64url character and change nothing).
    const raw = Buffer.from(sealed.slice('enc:v1:'.length), 'base64url');
    for (let i = 0; i < raw.length; i++) {
      const tampered = Buffer.from(raw);
      tampered[i] = tampered[i]! ^ 0x01;
      expect(() => openValue(key, 'i-1', `enc:v1:${tampered.toString('base64url')}`)).toThrow(SealedValueInvalid);
    }
    expect(() => openValue(key, 'i-1', 'enc:v1:abc')).toThrow(SealedValueInvalid);
  });
});

describe('personal fields of an event', () => {
  const key = newPersonalDataKey();

  it('are sealed as the contract declares, and only those', () => {
    expect(personalSubject(InternEnrolledV1, enrolled)).toBe('i-1');
    const sealed = sealPersonalFields(InternEnrolledV1, enrolled, 'i-1', key);
    expect(isSealed(sealed.name) && isSealed(sealed.email) && isSealed(sealed.university)).toBe(true);
    expect(sealed).toMatchObject({ internId: 'i-1', timezone: 'Europe/London', focusAreas: ['maths'] });
    expect(JSON.stringify(sealed)).not.toMatch(/Ada|ada@|London\b(?!")/);
    expect(hasSealedFields(InternEnrolledV1, sealed)).toBe(true);
    expect(hasSealedFields(InternEnrolledV1, enrolled)).toBe(false);
  });

  it('open with the key, and read as erased without it, still valid for the contract', () => {
    const sealed = sealPersonalFields(InternEnrolledV1, enrolled, 'i-1', key);
    expect(openPersonalFields(InternEnrolledV1, sealed, 'i-1', key)).toEqual(enrolled);
    const erased = openPersonalFields(InternEnrolledV1, sealed, 'i-1', undefined);
    expect(erased).toMatchObject({ name: 'Erased intern', email: 'erased-i-1@erased.invalid', university: '' });
    expect(InternEnrolledV1.schema.safeParse(erased).success).toBe(true);
  });

  it('pass clear text through (events from before encryption), and leave contracts without personal fields alone', () => {
    expect(openPersonalFields(InternEnrolledV1, enrolled, 'i-1', undefined)).toEqual(enrolled);
    const cohort = { cohortId: 'c-1', name: 'Summer' };
    expect(personalSubject(CohortScheduledV1, cohort)).toBeUndefined();
    expect(hasSealedFields(CohortScheduledV1, cohort)).toBe(false);
  });

  it('erased values: a name per role, an address that can never be delivered, empty text', () => {
    expect(erasedValue('mentor', 'name', 'm-1')).toBe('Erased mentor');
    expect(erasedValue('intern', 'email', 'A B/C')).toBe('erased-a-b-c@erased.invalid');
    expect(erasedValue('intern', 'text', 'x')).toBe('');
    expect(MentorProfileUpdatedV1.personal).toEqual({ subject: 'mentorId', person: 'mentor', fields: { name: 'name', email: 'email' } });
  });
});
