import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { serviceModule } from '#messaging';
import { AssignmentsModule } from './assignments/assignments.module.js';
import { CheckInsModule } from './check-ins/check-ins.module.js';
import { CohortsModule } from './cohorts/cohorts.module.js';
import type { MentorsConfig } from './config.js';
import { mentorsEntities } from './entities.js';
import { InternType } from './interns/graphql/intern.type.js';
import { InternsModule } from './interns/interns.module.js';
import { MatchingModule } from './matching/matching.module.js';
import { MentorsModule } from './mentors/mentors.module.js';
import { mentorsMigrations } from './migrations/index.js';

@Module({})
export class AppModule {
  static forRoot(config: MentorsConfig, logger: Logger): DynamicModule {
    return serviceModule(AppModule, {
      service: 'mentors',
      publishes: 'mentors',
      config,
      logger,
      entities: mentorsEntities,
      migrations: mentorsMigrations,
      // Intern is owned by cohorts; the stub is only reachable through fields, so list it.
      orphanedTypes: [InternType],
      imports: [MentorsModule, InternsModule, CohortsModule, AssignmentsModule, MatchingModule, CheckInsModule],
    });
  }
}
