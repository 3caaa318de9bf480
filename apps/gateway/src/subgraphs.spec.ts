import { describe, expect, it } from '@jest/globals';
import { latestOf } from './subgraphs.js';

describe('latestOf (the gateway reports subgraph states without waiting for a probe)', () => {
  it('makes only the first caller wait; later ones get the latest answer while a newer one runs', async () => {
    let clock = 0;
    let runs = 0;
    let release: (() => void) | undefined;
    const states = latestOf(
      1_000,
      () =>
        new Promise<number>((resolve) => {
          const run = ++runs;
          if (run === 1) resolve(run);
          else release = () => resolve(run);
        }),
      () => clock,
    );
    expect(await states()).toBe(1);
    clock = 999;
    expect(await states()).toBe(1);
    expect(runs).toBe(1);
    clock = 1_000;
    // Stale: a new probe starts, but the answer is the latest one, at once (the probe still hangs).
    expect(await states()).toBe(1);
    expect(await states()).toBe(1);
    expect(runs).toBe(2);
    release!();
    await new Promise((r) => setImmediate(r));
    expect(await states()).toBe(2);
  });

  it('keeps the latest answer when a later run fails', async () => {
    let clock = 0;
    let runs = 0;
    const states = latestOf(
      1_000,
      async () => {
        runs++;
        if (runs === 2) throw new Error('probe failed');
        return runs;
      },
      () => clock,
    );
    expect(await states()).toBe(1);
    clock = 2_000;
    expect(await states()).toBe(1);
    await new Promise((r) => setImmediate(r));
    expect(runs).toBe(2);
    // The failed run kept the previous answer, and the next caller starts another.
    expect(await states()).toBe(1);
    await new Promise((r) => setImmediate(r));
    expect(await states()).toBe(3);
  });
});
