import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { TokenVerifier } from '#auth';
import { CLOCK, systemClock, type Clock } from '#ddd';
import { resolveAuthSettings } from '#platform';
import { CalendarFeedRepository } from '../calendar-feeds/persistence/calendar-feed.repository.js';
import { CalendarScopeRepository } from '../calendar-feeds/persistence/calendar-scope.repository.js';
import { CohortReadRepository } from '../cohorts/persistence/cohort-read.repository.js';
import { CohortRepository } from '../cohorts/persistence/cohort.repository.js';
import type { CohortsConfig } from '../config.js';
import { EnrollmentRepository } from '../enrollments/persistence/enrollment.repository.js';
import { MentorAssignmentRepository } from '../mentors/persistence/mentor-assignment.repository.js';
import { RegisteredMentorRepository } from '../mentors/persistence/registered-mentor.repository.js';
import { PersonalDataRepository } from '../personal-data/persistence/personal-data.repository.js';
import { PresentationSlotRepository } from '../presentations/persistence/presentation-slot.repository.js';
import { TechTalkRepository } from '../tech-talks/persistence/tech-talk.repository.js';
import { CohortsUnitOfWork } from './commands/unit-of-work.js';
import { CohortLoaders } from './graphql/cohort.loaders.js';
import { ProgramLoaders } from './graphql/program.loaders.js';
import { ProgramReadRepository } from './persistence/program-read.repository.js';
import { COHORTS_CONFIG, COHORTS_LOGGER } from './tokens.js';

export interface CohortsModuleOptions {
  /** The time source (default: the system clock); tests move it. */
  clock?: Clock;
}

const repositories = [
  CohortRepository,
  EnrollmentRepository,
  TechTalkRepository,
  PresentationSlotRepository,
  RegisteredMentorRepository,
  MentorAssignmentRepository,
  CohortReadRepository,
  ProgramReadRepository,
  CalendarFeedRepository,
  CalendarScopeRepository,
  PersonalDataRepository,
];

/**
 * What every feature module of the cohorts service shares, global: its configuration, logger and
 * clock, the token verifier, every repository of the cohorts database, the per-request loaders and
 * the unit of work. The contexts read each other's data (an enrollment needs its cohort, a booking
 * its enrollment) without importing each other's commands; handlers and resolvers live in the
 * feature modules, each in exactly one.
 */
@Module({})
export class CohortsStoreModule {
  static forRoot(config: CohortsConfig, logger: Logger, options: CohortsModuleOptions = {}): DynamicModule {
    const providers = [
      { provide: COHORTS_CONFIG, useValue: config },
      { provide: COHORTS_LOGGER, useValue: logger.child({ component: 'cohorts' }) },
      { provide: CLOCK, useValue: options.clock ?? systemClock },
      { provide: TokenVerifier, useFactory: () => new TokenVerifier(resolveAuthSettings(config)) },
      ...repositories,
      CohortLoaders,
      ProgramLoaders,
      CohortsUnitOfWork,
    ];
    return { module: CohortsStoreModule, global: true, providers, exports: providers };
  }
}
