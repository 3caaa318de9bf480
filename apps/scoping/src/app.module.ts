import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { serviceModule } from '#messaging';
import { AssignmentsModule } from './assignments/assignments.module.js';
import type { ScopingConfig } from './config.js';
import { ErasureModule } from './erasure/erasure.module.js';
import { scopingEntities } from './entities.js';
import { scopingMigrations } from './migrations/index.js';
import { ProgramModule } from './program/program.module.js';
import { InternType } from './projects/graphql/intern.type.js';
import { ProjectsModule } from './projects/projects.module.js';
import { DueSoonRemindersModule } from './projects/reminders/reminders.module.js';

@Module({})
export class AppModule {
  static forRoot(config: ScopingConfig, logger: Logger): DynamicModule {
    return serviceModule(AppModule, {
      service: 'scoping',
      publishes: 'scoping',
      config,
      logger,
      entities: scopingEntities,
      migrations: scopingMigrations,
      // Intern is owned by cohorts; the stub is reachable only through fields, so list it.
      orphanedTypes: [InternType],
      imports: [
        ProgramModule,
        AssignmentsModule,
        ProjectsModule,
        DueSoonRemindersModule.forRoot(config.REMINDER_TICK_MS, logger),
        ErasureModule,
      ],
    });
  }
}
