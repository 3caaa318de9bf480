import { expect } from '@jest/globals';
import { ValidationError, type FieldViolation } from '#ddd';

/** The violations of the ValidationError `run` throws; fails the test when it throws anything else or nothing. */
export function violationsOf(run: () => unknown): FieldViolation[] {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return (err as ValidationError).violations;
  }
  throw new Error('expected a ValidationError');
}

/** The fields `run`'s ValidationError names, in its order. */
export function violatedFields(run: () => unknown): string[] {
  return violationsOf(run).map((v) => v.field);
}
