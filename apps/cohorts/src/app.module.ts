import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { serviceModule } from '#messaging';
import type { CohortsConfig } from './config.js';
import { CohortsModule, type CohortsModuleOptions } from './cohorts/cohorts.module.js';
import { cohortsEntities } from './entities.js';
import { cohortsMigrations } from './migrations/index.js';

@Module({})
export class AppModule {
  static forRoot(config: CohortsConfig, logger: Logger, options: CohortsModuleOptions = {}): DynamicModule {
    return serviceModule(AppModule, {
      service: 'cohorts',
      publishes: 'cohorts',
      config,
      logger,
      entities: cohortsEntities,
      migrations: cohortsMigrations,
      imports: [CohortsModule.forRoot(config, logger, options)],
    });
  }
}
