import { ValidationError } from '#ddd';

/** A required id argument, trimmed; BAD_USER_INPUT naming the field when it is blank. */
export function requiredId(field: string, value: unknown): string {
  const id = typeof value === 'string' ? value.trim() : '';
  if (!id) throw ValidationError.field(field, 'is required');
  if (id.length > 200) throw ValidationError.field(field, 'must be at most 200 characters');
  return id;
}
