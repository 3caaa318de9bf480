import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { serviceModule, type MessagingOverrides } from '#messaging';
import { ClockModule } from './clock.module.js';
import type { EvaluationsConfig } from './config.js';
import { evaluationsEntities } from './entities.js';
import { EvaluationsModule } from './evaluations/evaluations.module.js';
import { FeedbackModule } from './feedback/feedback.module.js';
import { RemindersModule } from './evaluations/reminders/reminders.module.js';
import { InternType } from './graphql/intern.type.js';
import { evaluationsMigrations } from './migrations/index.js';
import { PresentationsModule } from './presentations/presentations.module.js';
import { ProgramModule } from './program/program.module.js';
import { ProgressModule } from './progress/progress.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { RubricsModule } from './rubrics/rubrics.module.js';

@Module({})
export class AppModule {
  static forRoot(config: EvaluationsConfig, logger: Logger, messaging: MessagingOverrides = {}): DynamicModule {
    return serviceModule(AppModule, {
      service: 'evaluations',
      publishes: 'evaluations',
      config,
      logger,
      entities: evaluationsEntities,
      migrations: evaluationsMigrations,
      messaging,
      // Intern is owned by cohorts; listed so that the stub is in the schema whatever reaches it.
      orphanedTypes: [InternType],
      imports: [
        ClockModule,
        ProgramModule,
        RubricsModule,
        EvaluationsModule,
        FeedbackModule,
        PresentationsModule,
        ProgressModule,
        ReportsModule,
        RemindersModule.forRoot(config.REMINDER_TICK_MS, logger),
      ],
    });
  }
}
