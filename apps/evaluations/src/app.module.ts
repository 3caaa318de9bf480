import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { MessagingModule, type MessagingOptions } from '#messaging';
import { resolveAuthSettings, serviceDataSourceOptions, SubgraphModule } from '#platform';
import { ClockModule } from './clock.module.js';
import type { EvaluationsConfig } from './config.js';
import { evaluationsEntities } from './entities.js';
import { EvaluationsModule } from './evaluations/evaluations.module.js';
import { InternType } from './graphql/intern.type.js';
import { evaluationsMigrations } from './migrations/index.js';
import { PresentationsModule } from './presentations/presentations.module.js';
import { ProgramModule } from './program/program.module.js';
import { ProgressModule } from './progress/progress.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { RubricsModule } from './rubrics/rubrics.module.js';

/** Test-only overrides of the messaging options (isolated topics, faster relay). */
export type MessagingOverrides = Pick<
  MessagingOptions,
  'topics' | 'relayPollIntervalMs' | 'retryBackoffMs' | 'maxAttempts'
>;

@Module({})
export class AppModule {
  static forRoot(config: EvaluationsConfig, logger: Logger, messaging: MessagingOverrides = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        ClockModule,
        TypeOrmModule.forRootAsync({
          useFactory: () =>
            serviceDataSourceOptions({
              serverUrl: config.DATABASE_URL,
              database: config.DATABASE_NAME,
              entities: evaluationsEntities,
              migrations: evaluationsMigrations,
            }),
        }),
        MessagingModule.forRoot({
          service: 'evaluations',
          publishes: 'evaluations',
          brokers: config.KAFKA_BROKERS,
          logger,
          ...(config.KAFKA_GROUP_ID ? { groupId: config.KAFKA_GROUP_ID } : {}),
          ...messaging,
        }),
        SubgraphModule.forRoot({
          auth: resolveAuthSettings(config),
          logger,
          graphiql: config.NODE_ENV !== 'production',
          // Intern is owned by cohorts; listed so that the stub is in the schema whatever reaches it.
          orphanedTypes: [InternType],
        }),
        ProgramModule,
        RubricsModule,
        EvaluationsModule,
        PresentationsModule,
        ProgressModule,
        ReportsModule,
      ],
    };
  }
}
