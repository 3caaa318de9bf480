import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { MessagingModule } from '#messaging';
import { resolveAuthSettings, serviceDataSourceOptions, SubgraphModule } from '#platform';
import { AssignmentsModule } from './assignments/assignments.module.js';
import type { ScopingConfig } from './config.js';
import { scopingEntities } from './entities.js';
import { scopingMigrations } from './migrations/index.js';
import { ProgramModule } from './program/program.module.js';
import { InternType } from './projects/graphql/intern.type.js';
import { ProjectsModule } from './projects/projects.module.js';

@Module({})
export class AppModule {
  static forRoot(config: ScopingConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        TypeOrmModule.forRootAsync({
          useFactory: () =>
            serviceDataSourceOptions({
              serverUrl: config.DATABASE_URL,
              database: config.DATABASE_NAME,
              entities: scopingEntities,
              migrations: scopingMigrations,
            }),
        }),
        MessagingModule.forRoot({
          service: 'scoping',
          publishes: 'scoping',
          brokers: config.KAFKA_BROKERS,
          logger,
          ...(config.KAFKA_GROUP_ID ? { groupId: config.KAFKA_GROUP_ID } : {}),
        }),
        SubgraphModule.forRoot({
          auth: resolveAuthSettings(config),
          logger,
          graphiql: config.NODE_ENV !== 'production',
          // Intern is owned by cohorts; the stub is reachable only through fields, so list it.
          orphanedTypes: [InternType],
        }),
        ProgramModule,
        AssignmentsModule,
        ProjectsModule,
      ],
    };
  }
}
