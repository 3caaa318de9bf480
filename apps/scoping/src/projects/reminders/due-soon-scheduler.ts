import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { PollingLoop } from '#platform';
import { DueSoonReminders } from './due-soon-reminders.js';

export const DUE_SOON_TICK_MS = Symbol('DUE_SOON_TICK_MS');
export const DUE_SOON_LOGGER = Symbol('DUE_SOON_LOGGER');

/**
 * Runs `DueSoonReminders.pass` every REMINDER_TICK_MS (0 turns it off: tests drive the pass). The
 * loop holds nothing of what is due: each pass derives it from the database and records what it
 * sent there, so a restart (or a second replica) neither skips nor repeats a reminder. Stops before
 * the application shuts down, waiting for a running pass.
 */
@Injectable()
export class DueSoonScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loop: PollingLoop;

  constructor(
    private readonly reminders: DueSoonReminders,
    @Inject(DUE_SOON_TICK_MS) tickMs: number,
    @Inject(DUE_SOON_LOGGER) private readonly logger: Logger,
  ) {
    this.loop = new PollingLoop(tickMs, () => this.runOnce());
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** Sends everything due now; a failed pass is retried on the next tick. */
  async runOnce(): Promise<void> {
    try {
      await this.reminders.pass();
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'due-soon reminders pass failed; retrying on the next tick');
    }
  }
}
