import { expect, jest } from '@jest/globals';

// Time-outs of the tiers that talk to real Kafka, Postgres and processes, for each test and hook
// (Jest takes `testTimeout` from its global configuration only, not per project).
const TIMEOUTS: [suffix: string, ms: number][] = [
  ['.integration-spec.ts', 120_000],
  ['.e2e-spec.ts', 180_000],
  ['.fault-spec.ts', 600_000],
  ['.scale-spec.ts', 600_000],
];

const testPath = expect.getState().testPath ?? '';
const timeout = TIMEOUTS.find(([suffix]) => testPath.endsWith(suffix))?.[1];
if (timeout) jest.setTimeout(timeout);
