import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { MessagingModule } from '#messaging';
import { resolveAuthSettings, serviceDataSourceOptions, SubgraphModule } from '#platform';
import type { CohortsConfig } from './config.js';
import { CohortsModule, type CohortsModuleOptions } from './cohorts/cohorts.module.js';
import { cohortsEntities } from './entities.js';
import { cohortsMigrations } from './migrations/index.js';

@Module({})
export class AppModule {
  static forRoot(config: CohortsConfig, logger: Logger, options: CohortsModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        TypeOrmModule.forRootAsync({
          useFactory: () =>
            serviceDataSourceOptions({
              serverUrl: config.DATABASE_URL,
              database: config.DATABASE_NAME,
              entities: cohortsEntities,
              migrations: cohortsMigrations,
            }),
        }),
        MessagingModule.forRoot({
          service: 'cohorts',
          publishes: 'cohorts',
          brokers: config.KAFKA_BROKERS,
          groupId: config.KAFKA_GROUP_ID,
          logger,
        }),
        SubgraphModule.forRoot({
          auth: resolveAuthSettings(config),
          logger,
          graphiql: config.NODE_ENV !== 'production',
        }),
        CohortsModule.forRoot(config, logger, options),
      ],
    };
  }
}
