import { QueryFailedError } from 'typeorm';

/**
 * The rows a raw statement returned. TypeORM answers INSERT … RETURNING with the rows, but
 * UPDATE/DELETE … RETURNING with `[rows, affectedCount]`.
 */
export function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return (result ?? []) as T[];
}

/** Whether a query failed on a unique constraint (optionally: that one). */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  if (!(err instanceof QueryFailedError)) return false;
  const driver = err.driverError as { code?: string; constraint?: string } | undefined;
  return driver?.code === '23505' && (constraint === undefined || driver.constraint === constraint);
}
