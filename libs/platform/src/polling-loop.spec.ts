import { describe, expect, it } from '@jest/globals';
import { PollingLoop } from './polling-loop.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PollingLoop', () => {
  it('runs at once and again a tick after each run, until stopped; stop waits for the run under way', async () => {
    let runs = 0;
    let finished = 0;
    const loop = new PollingLoop(5, async () => {
      runs++;
      await sleep(10);
      finished++;
    });
    loop.start();
    await sleep(40);
    await loop.stop();
    expect(loop.isStopped).toBe(true);
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(finished).toBe(runs);
    const after = runs;
    await sleep(30);
    expect(runs).toBe(after);
  });

  it('never runs with a tick of 0, and goes on after a failed run', async () => {
    let runs = 0;
    const off = new PollingLoop(0, async () => {
      runs++;
    });
    off.start();
    await sleep(20);
    expect(runs).toBe(0);
    await off.stop();

    let attempts = 0;
    const failing = new PollingLoop(2, async () => {
      attempts++;
      throw new Error('database down');
    });
    failing.start();
    await sleep(30);
    await failing.stop();
    expect(attempts).toBeGreaterThanOrEqual(2);
  });
});
