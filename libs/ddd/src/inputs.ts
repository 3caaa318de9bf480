import { ValidationError, Violations } from './domain-error.js';
import { isValidTimeZone } from './local-date.js';

/**
 * Building blocks for command input, on top of `Violations`. Each reads one field of untrusted
 * input (`unknown`: GraphQL may hand over null, and specs pass anything) and returns its clean
 * value. Given a `Violations` (`into`), a refused field is added to it (and a neutral value is
 * returned) so that every bad field is reported together; without one, it throws a
 * ValidationError naming the field at once.
 */

export const MAX_ID_LENGTH = 200;
const EMAIL = /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

/** Whether the text is an email address as the services accept them (dotted local part, a domain with a TLD). */
export function isEmailAddress(value: string): boolean {
  return EMAIL.test(value);
}

function refuse(into: Violations | undefined, field: string, message: string): void {
  if (!into) throw ValidationError.field(field, message);
  into.add(field, message);
}

/** The trimmed string, or '' for anything that is not a string. */
export function trimmed(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

export interface TextRules {
  /** Longest accepted length after trimming. */
  max?: number;
  /** What a blank value is told ('is required' unless said). */
  blank?: string;
}

/** A required text: trimmed, not blank, at most `max` characters. */
export function requiredText(field: string, value: unknown, rules: TextRules = {}, into?: Violations): string {
  const s = trimmed(value);
  if (!s) refuse(into, field, rules.blank ?? 'is required');
  else if (rules.max !== undefined && s.length > rules.max)
    refuse(into, field, `must be at most ${rules.max} characters`);
  return s;
}

/** A required id argument: trimmed, not blank, at most 200 characters. */
export function requiredId(
  field: string,
  value: unknown,
  rules: Pick<TextRules, 'blank'> = {},
  into?: Violations,
): string {
  return requiredText(field, value, { max: MAX_ID_LENGTH, ...rules }, into);
}

/** One of the allowed values (an enum's values); undefined when refused into `into`. */
export function enumOf<T extends string>(
  field: string,
  value: unknown,
  allowed: readonly T[] | Record<string, T>,
  into?: Violations,
): T | undefined {
  const list: readonly T[] = Array.isArray(allowed) ? allowed : Object.values(allowed);
  const found = list.find((a) => a === value);
  if (found === undefined) refuse(into, field, `must be one of ${list.join(', ')}`);
  return found;
}

/** A whole number from `min` to `max`; `message` replaces the default wording. */
export function intRange(
  field: string,
  value: unknown,
  range: { min: number; max?: number; message?: string },
  into?: Violations,
): number | undefined {
  const ok =
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= range.min &&
    (range.max === undefined || value <= range.max);
  if (ok) return value;
  const bound = range.max === undefined ? `at least ${range.min}` : `from ${range.min} to ${range.max}`;
  refuse(into, field, range.message ?? `must be a whole number ${bound}`);
  return undefined;
}

/** An IANA time zone such as Europe/Berlin, trimmed. */
export function timeZone(field: string, value: unknown, into?: Violations): string {
  const zone = trimmed(value);
  if (!isValidTimeZone(zone)) refuse(into, field, 'must be an IANA time zone such as Europe/Berlin');
  return zone;
}

/** A required email address, trimmed, at most 254 characters. */
export function email(field: string, value: unknown, into?: Violations): string {
  const local = new Violations();
  const s = requiredText(field, value, { max: 254 }, local);
  if (!local.any && !isEmailAddress(s)) local.add(field, 'is not a valid email address');
  if (local.any) for (const v of local.list()) refuse(into, v.field, v.message);
  return s;
}
