import { describe, expect, it } from '@jest/globals';
import { appPorts, instanceName, startSystem } from '../../scripts/lib/services.js';

// scripts/lib/services.js with replicas: where each instance listens and what it is called.
describe('startSystem replicas', () => {
  it('puts replica r of every app ten ports above replica r - 1, the first on the usual layout', () => {
    expect(appPorts(4000)).toEqual({
      gateway: 4000,
      cohorts: 4001,
      mentors: 4002,
      scoping: 4003,
      evaluations: 4004,
      notifications: 4005,
    });
    expect(appPorts(4400, 1)).toEqual({
      gateway: 4410,
      cohorts: 4411,
      mentors: 4412,
      scoping: 4413,
      evaluations: 4414,
      notifications: 4415,
    });
  });

  it('names the first replica after its app and the others with their number', () => {
    expect([instanceName('cohorts'), instanceName('cohorts', 1), instanceName('gateway', 2)]).toEqual([
      'cohorts',
      'cohorts-2',
      'gateway-3',
    ]);
  });

  it('refuses a number of replicas that is not a whole number from 1, before starting anything', async () => {
    for (const replicas of [0, 1.5, -1]) {
      await expect(startSystem({ env: {}, replicas, log: () => undefined })).rejects.toThrow(
        `replicas must be a whole number from 1, not ${replicas}`,
      );
    }
  });
});
