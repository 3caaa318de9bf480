import { describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import type { Outbox } from '#messaging';
import { ForbiddenError, ValidationError } from '#ddd';
import { cohortsConfigSchema, type CohortsConfig } from '../../../config.js';
import type { ProgramClock } from '../../program-clock.service.js';
import type { CohortRepository } from '../../../cohorts/persistence/cohort.repository.js';
import { AdvanceCohortClockCommand } from './advance-cohort-clock.command.js';
import { CohortsUnitOfWork } from '../../../shared/commands/unit-of-work.js';
import { AdvanceCohortClockHandler } from './advance-cohort-clock.handler.js';

const PM = { sub: 'pm-1', roles: ['PROGRAM_MANAGER'] };
const COHORT = '00000000-0000-4000-8000-000000000001';

function handler(env: Record<string, string>) {
  let transactions = 0;
  const dataSource = { transaction: async () => (transactions++, undefined) } as unknown as DataSource;
  const config: CohortsConfig = cohortsConfigSchema.parse(env);
  const uow = new CohortsUnitOfWork(dataSource, {} as Outbox);
  const h = new AdvanceCohortClockHandler(uow, {} as ProgramClock, {} as CohortRepository, config);
  return { h, transactions: () => transactions };
}

describe('AdvanceCohortClockHandler', () => {
  it('is FORBIDDEN outside sandbox mode, saying why, and touches nothing', async () => {
    const envs: Record<string, string>[] = [
      { CLOCK_MODE: 'real' },
      { NODE_ENV: 'production', AUTH_JWT_SECRET: 'x'.repeat(32) },
    ];
    for (const env of envs) {
      const { h, transactions } = handler(env);
      const err = await h.execute(new AdvanceCohortClockCommand(COHORT, 3, PM)).catch((e) => e);
      expect(err).toBeInstanceOf(ForbiddenError);
      expect(err.message).toMatch(/only in sandbox mode \(CLOCK_MODE=sandbox\)/);
      expect(transactions()).toBe(0);
    }
  });

  it('refuses a week that is not a whole number from 1, and a missing cohort id, before any transaction', async () => {
    const { h, transactions } = handler({ CLOCK_MODE: 'sandbox' });
    for (const toWeek of [0, -1, 2.5]) {
      const err = await h.execute(new AdvanceCohortClockCommand(COHORT, toWeek, PM)).catch((e) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).violations[0]!.field).toBe('toWeek');
    }
    const err = await h.execute(new AdvanceCohortClockCommand(' ', 1, PM)).catch((e) => e);
    expect((err as ValidationError).violations[0]!.field).toBe('cohortId');
    expect(transactions()).toBe(0);
  });

  it('is on by default in development and test', async () => {
    for (const NODE_ENV of ['development', 'test'] as const) {
      const { h, transactions } = handler({ NODE_ENV });
      await h.execute(new AdvanceCohortClockCommand(COHORT, 2, PM));
      expect(transactions()).toBe(1);
    }
  });

  it('is off when NODE_ENV is unset: that means production', async () => {
    const { h, transactions } = handler({});
    await expect(h.execute(new AdvanceCohortClockCommand(COHORT, 2, PM))).rejects.toBeInstanceOf(ForbiddenError);
    expect(transactions()).toBe(0);
  });
});
