import { describe, expect, it } from '@jest/globals';
import { eventually } from './eventually.js';

/** A check that answers the given values one call after another, then the last one for good. */
function answers<T>(...values: T[]): () => Promise<T> {
  let i = 0;
  return async () => values[Math.min(i++, values.length - 1)]!;
}

describe('eventually', () => {
  it('retries while the check answers undefined, null or false, and returns the first other value', async () => {
    expect(await eventually(answers<unknown>(undefined, null, false, 'row'), { intervalMs: 1 })).toBe('row');
    expect(await eventually(answers<boolean>(false, false, true), { intervalMs: 1 })).toBe(true);
  });

  it('takes 0 and the empty string as values', async () => {
    expect(await eventually(answers<number | undefined>(undefined, 0), { intervalMs: 1 })).toBe(0);
    expect(await eventually(() => '', { intervalMs: 1 })).toBe('');
  });

  it('names what it waited for when time is up', async () => {
    await expect(eventually(() => false, { timeoutMs: 30, intervalMs: 5, what: 'the projection' })).rejects.toThrow(
      'timed out after 30 ms waiting for the projection',
    );
  });

  it('does not retry a check that throws', async () => {
    let calls = 0;
    const failing = async () => {
      calls++;
      throw new Error('broken');
    };
    await expect(eventually(failing, { intervalMs: 1 })).rejects.toThrow('broken');
    expect(calls).toBe(1);
  });
});
