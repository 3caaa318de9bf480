import { describe, expect, it } from '@jest/globals';
import { ValidationError, Violations } from '#ddd';
import { reasonField, requiredText, textField } from './text-fields.js';

function violationsOf(fill: (v: Violations) => unknown): unknown {
  const v = new Violations();
  fill(v);
  try {
    v.throwIfAny();
    return [];
  } catch (err) {
    return (err as ValidationError).violations;
  }
}

describe('text fields', () => {
  it('are trimmed; a blank required one is refused, a blank optional one is null', () => {
    const v = new Violations();
    expect(requiredText(v, 'name', '  Ada ')).toBe('Ada');
    expect(textField(v, 'abstract', '  ', { required: false })).toBeNull();
    expect(textField(v, 'abstract', 42, { required: false })).toBeNull();
    expect(v.any).toBe(false);
    expect(violationsOf((w) => expect(requiredText(w, 'name', ' ')).toBe(''))).toEqual([
      { field: 'name', message: 'is required' },
    ]);
  });

  it('are at most 200 characters unless told otherwise', () => {
    expect(violationsOf((v) => requiredText(v, 'name', 'x'.repeat(200)))).toEqual([]);
    expect(violationsOf((v) => requiredText(v, 'name', 'x'.repeat(201)))).toEqual([
      { field: 'name', message: 'must be at most 200 characters' },
    ]);
    expect(violationsOf((v) => textField(v, 'joinUrl', 'x'.repeat(2001), { max: 2000, required: false }))).toEqual([
      { field: 'joinUrl', message: 'must be at most 2000 characters' },
    ]);
  });

  it('give a reason of at most 1000 characters, required or optional, naming the reason field', () => {
    expect(reasonField(' moved abroad ', true)).toBe('moved abroad');
    expect(reasonField(' ', false)).toBeNull();
    expect(() => reasonField(undefined, true)).toThrow(
      new ValidationError({ field: 'reason', message: 'is required' }),
    );
    expect(() => reasonField('x'.repeat(1001), false)).toThrow('reason: must be at most 1000 characters');
  });
});
