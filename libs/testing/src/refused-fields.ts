import { expect } from '@jest/globals';
import { ValidationError } from '#ddd';

/**
 * The fields a refused attempt names, in order: expects the attempt to fail with a
 * `ValidationError` and answers its violations' fields, e.g.
 * `expect(await refusedFields(handler.execute(command))).toEqual(['weeks', 'reason'])`.
 */
export async function refusedFields(attempt: Promise<unknown>): Promise<string[]> {
  const err = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ValidationError);
  return (err as ValidationError).violations.map((v) => v.field);
}
