import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { PollingLoop } from '#platform';
import { FinalOutcomeReminders, REMINDERS_PER_PASS } from './final-outcome-reminders.js';
import { WindowClosingReminders } from './window-closing-reminders.js';

export const REMINDER_TICK_MS = Symbol('REMINDER_TICK_MS');
export const REMINDER_LOGGER = Symbol('REMINDER_LOGGER');

/**
 * Looks for the FinalOutcomeAwaited and EvaluationWindowClosing reminders due every
 * REMINDER_TICK_MS (0 turns it off: tests drive `FinalOutcomeReminders.pass` and
 * `WindowClosingReminders.pass`). The schedule itself is durable (final_outcome_reminders;
 * window_closing_reminders with the windows): this loop only polls it, like the cohorts service's
 * clock scheduler. Stops before the application shuts down, waiting for a running pass.
 */
@Injectable()
export class ReminderScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loop: PollingLoop;

  constructor(
    private readonly reminders: FinalOutcomeReminders,
    private readonly closing: WindowClosingReminders,
    @Inject(REMINDER_TICK_MS) tickMs: number,
    @Inject(REMINDER_LOGGER) private readonly logger: Logger,
  ) {
    this.loop = new PollingLoop(tickMs, () => this.runOnce());
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** Sends everything due now; resolves when nothing due is left (or a pass failed). */
  async runOnce(): Promise<void> {
    try {
      while (!this.loop.isStopped && (await this.reminders.pass()) >= REMINDERS_PER_PASS);
      if (!this.loop.isStopped) await this.closing.pass();
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'reminders pass failed; retrying on the next tick');
    }
  }
}
