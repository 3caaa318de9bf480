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
 * window_closing_reminders with the windows): this loop only polls it.
 */
@Injectable()
export class ReminderScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loop: PollingLoop;

  constructor(
    reminders: FinalOutcomeReminders,
    closing: WindowClosingReminders,
    @Inject(REMINDER_TICK_MS) tickMs: number,
    @Inject(REMINDER_LOGGER) logger: Logger,
  ) {
    this.loop = new PollingLoop({
      what: 'reminders',
      tickMs,
      logger,
      pass: async () => {
        if ((await reminders.pass()) >= REMINDERS_PER_PASS) return true;
        await closing.pass();
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
