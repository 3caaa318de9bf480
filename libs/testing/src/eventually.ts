export interface EventuallyOptions {
  /** How long to keep trying; 30 s unless told. */
  timeoutMs?: number;
  /** The pause between two tries; 150 ms unless told. */
  intervalMs?: number;
  /** What is awaited, for the error when time is up ("the interns projection"). */
  what?: string;
}

/** What `eventually` takes for "not yet". */
export type NotYet = undefined | null | false;

/**
 * Calls `check` until it returns a value, and returns that value. `undefined`, `null` and `false`
 * mean "not yet", so a check may be a condition (`() => count === 3`, resolving to `true`) or a
 * look-up (`() => rows[0]`, resolving to the row); anything else, `0` and `''` included, is the
 * value. An error thrown by `check` is not retried: it fails the wait at once. When time is up it
 * throws `timed out after <timeoutMs> ms waiting for <what>`.
 */
export async function eventually<R>(
  check: () => R | Promise<R>,
  { timeoutMs = 30_000, intervalMs = 150, what = 'the condition' }: EventuallyOptions = {},
): Promise<Exclude<R, NotYet>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value as Exclude<R, NotYet>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
