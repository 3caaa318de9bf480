import { describe, expect, it } from '@jest/globals';
import type { Logger } from 'pino';
import { PollingLoop } from './polling-loop.js';

// The loop that polls a durable schedule (the cohorts clock, the evaluations reminders): passes
// until one says nothing more is due, a failure logged and retried, stop waiting for a pass.

function logger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, info: () => undefined, warn: (_: unknown, msg: string) => warnings.push(msg) } as never;
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('PollingLoop', () => {
  it('drains: passes again while a pass says more is due, then stops until the next tick', async () => {
    const results = [true, true, false];
    let passes = 0;
    const loop = new PollingLoop({
      what: 't',
      tickMs: 0,
      logger: logger(),
      pass: async () => results[passes++] ?? false,
    });
    await loop.runOnce();
    expect(passes).toBe(3);
  });

  it('logs a failed pass and goes on at the next run', async () => {
    const log = logger();
    let calls = 0;
    const loop = new PollingLoop({
      what: 'reminders',
      tickMs: 0,
      logger: log,
      pass: async () => {
        calls += 1;
        if (calls === 1) throw new Error('database gone');
        return false;
      },
    });
    await loop.runOnce();
    expect(log.warnings).toEqual(['reminders pass failed; retrying on the next tick']);
    await loop.runOnce();
    expect(calls).toBe(2);
  });

  it('with tickMs 0 never runs by itself; with a tick it runs, and stop waits for the running pass', async () => {
    let passes = 0;
    const idle = new PollingLoop({ what: 't', tickMs: 0, logger: logger(), pass: async () => ++passes > 0 && false });
    idle.start();
    await tick();
    expect(passes).toBe(0);

    let release!: () => void;
    let finished = false;
    const busy = new PollingLoop({
      what: 't',
      tickMs: 1,
      logger: logger(),
      pass: async () => {
        await new Promise<void>((r) => (release = r));
        finished = true;
        return false;
      },
    });
    busy.start();
    await tick();
    const stopping = busy.stop();
    release();
    await stopping;
    expect(finished).toBe(true);
  });
});
