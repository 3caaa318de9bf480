import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { ProjectsModule } from '../projects.module.js';
import { DUE_SOON_LOGGER, DUE_SOON_TICK_MS, DueSoonScheduler } from './due-soon-scheduler.js';

/** The scheduler of the ProjectScopeDueSoon / MilestoneDueSoon reminders (SPEC §7). */
@Module({})
export class DueSoonRemindersModule {
  static forRoot(tickMs: number, logger: Logger): DynamicModule {
    return {
      module: DueSoonRemindersModule,
      imports: [ProjectsModule],
      providers: [
        DueSoonScheduler,
        { provide: DUE_SOON_TICK_MS, useValue: tickMs },
        { provide: DUE_SOON_LOGGER, useValue: logger.child({ component: 'due-soon-reminders' }) },
      ],
    };
  }
}
