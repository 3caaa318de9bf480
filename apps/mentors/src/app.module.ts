import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { MessagingModule } from '#messaging';
import { resolveAuthSettings, serviceDataSourceOptions, SubgraphModule } from '#platform';
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
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        TypeOrmModule.forRootAsync({
          useFactory: () =>
            serviceDataSourceOptions({
              serverUrl: config.DATABASE_URL,
              database: config.DATABASE_NAME,
              entities: mentorsEntities,
              migrations: mentorsMigrations,
            }),
        }),
        MessagingModule.forRoot({
          service: 'mentors',
          publishes: 'mentors',
          brokers: config.KAFKA_BROKERS,
          groupId: config.KAFKA_GROUP_ID,
          logger,
        }),
        SubgraphModule.forRoot({
          auth: resolveAuthSettings(config),
          logger,
          graphiql: config.NODE_ENV !== 'production',
          // Intern is owned by cohorts; the stub is only reachable through fields, so list it.
          orphanedTypes: [InternType],
        }),
        MentorsModule,
        InternsModule,
        CohortsModule,
        AssignmentsModule,
        MatchingModule,
        CheckInsModule,
      ],
    };
  }
}
