import { describe, expect, it } from '@jest/globals';
import { runsOf, STOPS_SHARED_BROKER } from '../../scripts/lib/test-runs.js';

describe('npm test: how each tier runs its files', () => {
  it('runs the unit tier on a worker per core, with the caller’s arguments', () => {
    expect(runsOf('unit', ['apps/x'], 2)).toEqual([['unit tests', '', ['--maxWorkers=2', 'apps/x']]]);
  });

  it('runs the integration files two at a time, then the ones that stop the shared broker alone', () => {
    const [together, alone, ...more] = runsOf('integration', [], 2);
    expect(more).toEqual([]);
    expect(together![2]).toEqual([
      '--maxWorkers=2',
      '--testPathIgnorePatterns=libs/messaging/src/messaging\\.integration-spec\\.ts',
    ]);
    expect(alone![1]).toBe('-alone');
    expect(alone![2]).toEqual(['--runInBand', '--testPathPatterns=libs/messaging/src/messaging\\.integration-spec\\.ts']);
    // The patterns are regular expressions: they match the file's path, and only that file.
    const pattern = new RegExp(alone![2][1]!.split('=')[1]!);
    expect(STOPS_SHARED_BROKER.every((f) => pattern.test(`/repo/${f}`))).toBe(true);
    expect(pattern.test('/repo/libs/messaging/src/messaging-options.integration-spec.ts')).toBe(false);
  });

  it('runs every file of a tier one at a time when the caller names files or options', () => {
    expect(runsOf('integration', ['apps/cohorts'], 2)).toEqual([['integration tests', '', ['--runInBand', 'apps/cohorts']]]);
    for (const tier of ['e2e', 'security', 'faults', 'scale']) {
      expect(runsOf(tier, [], 2)).toEqual([[`${tier} tests`, '', ['--runInBand']]]);
    }
  });
});
