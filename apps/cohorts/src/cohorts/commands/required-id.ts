import { ValidationError } from '#ddd';

/** A required id argument, trimmed; an empty one is BAD_USER_INPUT naming the field. */
export function requiredId(field: string, value: unknown): string {
  const id = typeof value === 'string' ? value.trim() : '';
  if (!id) throw ValidationError.field(field, 'is required');
  return id;
}
