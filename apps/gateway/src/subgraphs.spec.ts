import { describe, expect, it } from '@jest/globals';
import { sharedFor } from './subgraphs.js';

describe('sharedFor (the gateway probes each subgraph at most once a second for its public readiness)', () => {
  it('runs the check once for every caller within the time, and again after it', async () => {
    let clock = 0;
    let runs = 0;
    const check = sharedFor(
      1_000,
      async () => {
        runs++;
        return runs;
      },
      () => clock,
    );
    expect(await Promise.all([check(), check(), check()])).toEqual([1, 1, 1]);
    clock = 999;
    expect(await check()).toBe(1);
    clock = 1_000;
    expect(await check()).toBe(2);
    expect(runs).toBe(2);
  });

  it('does not keep a failure: the next caller runs the check again', async () => {
    let runs = 0;
    const check = sharedFor(
      1_000,
      async () => {
        runs++;
        if (runs === 1) throw new Error('subgraph unreachable');
        return 'ready';
      },
      () => 0,
    );
    await expect(check()).rejects.toThrow('subgraph unreachable');
    await expect(check()).resolves.toBe('ready');
    expect(runs).toBe(2);
  });
});
