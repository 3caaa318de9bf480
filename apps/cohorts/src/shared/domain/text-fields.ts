import { requiredText as dddRequiredText, trimmed, Violations } from '#ddd';

/** The longest a name-like text field may be (a cohort's name, an intern's university, a talk's title). */
export const MAX_TEXT = 200;
/** The longest reason a program manager may give (withdrawing, extending, cancelling). */
export const MAX_REASON = 1000;

/**
 * A text field of the cohorts context's input, trimmed, its violations added to `v`: blank is
 * 'is required' (or null when not `required`), longer than `max` is 'must be at most … characters'.
 * The rule itself is `#ddd`'s `requiredText`; this only gives the cohorts context's defaults.
 */
export function textField(
  v: Violations,
  field: string,
  value: unknown,
  { max = MAX_TEXT, required = true }: { max?: number; required?: boolean } = {},
): string | null {
  if (!required && !trimmed(value)) return null;
  return dddRequiredText(field, value, { max }, v) || null;
}

/** A required text field ('' when blank, with the violation added to `v`). */
export function requiredText(v: Violations, field: string, value: unknown, max = MAX_TEXT): string {
  return textField(v, field, value, { max }) ?? '';
}

/** A reason (field `reason`): trimmed, at most 1000 characters; blank is refused when `required`, else null. */
export function reasonField(value: unknown, required: true): string;
export function reasonField(value: unknown, required: false): string | null;
export function reasonField(value: unknown, required: boolean): string | null {
  const v = new Violations();
  const reason = textField(v, 'reason', value, { max: MAX_REASON, required });
  v.throwIfAny();
  return reason;
}
