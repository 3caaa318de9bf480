const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Cohort and enrollment ids are UUIDs; anything else names no row (and must not reach a uuid column). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * One entry per id, `empty()` to start, then filled from the rows of the ids that can name a row
 * (UUIDs): any other id keeps its empty entry and never reaches the database.
 */
export async function perId<V>(
  ids: readonly string[],
  empty: () => V,
  fill: (valid: string[], result: Map<string, V>) => Promise<void>,
): Promise<Map<string, V>> {
  const result = new Map<string, V>(ids.map((id) => [id, empty()]));
  const valid = ids.filter(isUuid);
  if (valid.length > 0) await fill(valid, result);
  return result;
}
