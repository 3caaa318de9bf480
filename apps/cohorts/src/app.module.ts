import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { serviceModule } from '#messaging';
import type { CohortsConfig } from './config.js';
import { CalendarFeedsModule } from './calendar-feeds/calendar-feeds.module.js';
import { CohortsModule } from './cohorts/cohorts.module.js';
import { EnrollmentsModule } from './enrollments/enrollments.module.js';
import { MentorsModule } from './mentors/mentors.module.js';
import { PersonalDataModule } from './personal-data/personal-data.module.js';
import { OnboardingModule } from './onboarding/onboarding.module.js';
import { PresentationsModule } from './presentations/presentations.module.js';
import { ProgramClockModule } from './program-clock/program-clock.module.js';
import { CohortsStoreModule, type CohortsModuleOptions } from './shared/store.module.js';
import { TechTalksModule } from './tech-talks/tech-talks.module.js';
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
      imports: [
        CohortsStoreModule.forRoot(config, logger, options),
        CohortsModule,
        EnrollmentsModule,
        OnboardingModule,
        TechTalksModule,
        PresentationsModule,
        CalendarFeedsModule,
        ProgramClockModule,
        MentorsModule,
        PersonalDataModule,
      ],
    });
  }
}
