import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
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
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly reminders: DueSoonReminders,
    @Inject(DUE_SOON_TICK_MS) private readonly tickMs: number,
    @Inject(DUE_SOON_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.tickMs > 0) this.schedule(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.reminders
        .pass()
        .then(
          () => undefined,
          (err: Error) =>
            this.logger.warn({ err: err.message }, 'due-soon reminders pass failed; retrying on the next tick'),
        )
        .finally(() => {
          this.running = undefined;
          this.schedule(this.tickMs);
        });
    }, delay);
  }
}
