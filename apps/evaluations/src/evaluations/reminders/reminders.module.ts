import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { ProgramModule } from '../../program/program.module.js';
import { REMINDER_LOGGER, REMINDER_TICK_MS, ReminderScheduler } from './reminder-scheduler.js';

/** The scheduler of the FinalOutcomeAwaited reminders after the first (SPEC §7). */
@Module({})
export class RemindersModule {
  static forRoot(tickMs: number, logger: Logger): DynamicModule {
    return {
      module: RemindersModule,
      imports: [ProgramModule],
      providers: [
        ReminderScheduler,
        { provide: REMINDER_TICK_MS, useValue: tickMs },
        { provide: REMINDER_LOGGER, useValue: logger.child({ component: 'final-outcome-reminders' }) },
      ],
    };
  }
}
