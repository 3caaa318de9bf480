import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { PollingLoop } from '#platform';
import { DueSoonReminders } from './due-soon-reminders.js';

export const DUE_SOON_TICK_MS = Symbol('DUE_SOON_TICK_MS');
export const DUE_SOON_LOGGER = Symbol('DUE_SOON_LOGGER');

/**
 * Runs `DueSoonReminders.pass` every REMINDER_TICK_MS (0 turns it off: tests drive the pass). The
 * loop holds nothing of what is due: each pass derives it from the database and records what it
 * sent there, so a restart (or a second replica) neither skips nor repeats a reminder.
 */
@Injectable()
export class DueSoonScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loop: PollingLoop;

  constructor(
    reminders: DueSoonReminders,
    @Inject(DUE_SOON_TICK_MS) tickMs: number,
    @Inject(DUE_SOON_LOGGER) logger: Logger,
  ) {
    this.loop = new PollingLoop({
      what: 'due-soon reminders',
      tickMs,
      logger,
      pass: async () => {
        await reminders.pass();
        return false;
      },
    });
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }
}
