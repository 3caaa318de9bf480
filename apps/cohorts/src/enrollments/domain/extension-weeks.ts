import { MAX_EXTENSION_WEEKS } from '#calendar';
import { ValidationError } from '#ddd';

/**
 * The weeks of one extension as given: a whole number from 1 to 5 (field `weeks`). Input only:
 * the 5 weeks in total also depend on the weeks already granted (validateExtensionWeeks).
 */
export function validateExtensionWeeksInput(weeks: unknown): number {
  if (typeof weeks !== 'number' || !Number.isInteger(weeks) || weeks < 1 || weeks > MAX_EXTENSION_WEEKS) {
    throw ValidationError.field('weeks', `must be a whole number from 1 to ${MAX_EXTENSION_WEEKS}`);
  }
  return weeks;
}

/** Checks the weeks of a new extension against the 1–5 weeks in total rule (field `weeks`). */
export function validateExtensionWeeks(input: unknown, alreadyExtended: number): number {
  const weeks = validateExtensionWeeksInput(input);
  if (alreadyExtended + weeks > MAX_EXTENSION_WEEKS) {
    throw ValidationError.field(
      'weeks',
      `would extend the internship by ${alreadyExtended + weeks} weeks in total; at most ${MAX_EXTENSION_WEEKS} (already extended by ${alreadyExtended})`,
    );
  }
  return weeks;
}
