import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import type { CohortsConfig } from '../config.js';
import { COHORTS_CONFIG, COHORTS_LOGGER } from '../shared/tokens.js';
import { COHORTS_PER_PASS, ProgramClock } from './program-clock.service.js';

/**
 * Runs the program clock every CLOCK_TICK_MS (0 turns it off: tests drive `ProgramClock.pass`).
 * Each run drains what fell due (one pass per 100 cohorts). Stops before the application shuts
 * down, waiting for a running pass, so it never runs against a closed database.
 */
@Injectable()
export class ClockScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly clock: ProgramClock,
    @Inject(COHORTS_CONFIG) private readonly config: CohortsConfig,
    @Inject(COHORTS_LOGGER) private readonly logger: Logger,
  ) {}

  get tickMs(): number {
    return this.config.CLOCK_TICK_MS;
  }

  onApplicationBootstrap(): void {
    if (this.tickMs > 0) {
      this.logger.info({ tickMs: this.tickMs }, 'program clock scheduler started');
      this.schedule(0);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Fires everything due now; resolves when nothing due is left (or a pass failed). */
  async runOnce(): Promise<void> {
    try {
      for (;;) {
        const { locked, cohorts } = await this.clock.pass();
        if (!locked || cohorts < COHORTS_PER_PASS || this.stopped) return;
      }
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'program clock pass failed; retrying on the next tick');
    }
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce().finally(() => {
        this.running = undefined;
        this.schedule(this.tickMs);
      });
    }, delay);
  }
}
