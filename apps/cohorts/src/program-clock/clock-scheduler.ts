import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { PollingLoop } from '#platform';
import type { CohortsConfig } from '../config.js';
import { COHORTS_CONFIG, COHORTS_LOGGER } from '../shared/tokens.js';
import { COHORTS_PER_PASS, ProgramClock } from './program-clock.service.js';

/**
 * Runs the program clock every CLOCK_TICK_MS (0 turns it off: tests drive `ProgramClock.pass`).
 * Each run drains what fell due (one pass per 100 cohorts).
 */
@Injectable()
export class ClockScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loop: PollingLoop;

  constructor(
    private readonly clock: ProgramClock,
    @Inject(COHORTS_CONFIG) config: CohortsConfig,
    @Inject(COHORTS_LOGGER) logger: Logger,
  ) {
    this.loop = new PollingLoop({
      what: 'program clock',
      tickMs: config.CLOCK_TICK_MS,
      logger,
      pass: async () => {
        const { locked, cohorts } = await clock.pass();
        return locked && cohorts >= COHORTS_PER_PASS;
      },
    });
  }

  /** Brings the retention policy's entries up to date (see scheduleRetentionOfCompletedCohorts), then ticks. */
  async onApplicationBootstrap(): Promise<void> {
    await this.clock.scheduleRetentionOfCompletedCohorts();
    this.loop.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }
}
