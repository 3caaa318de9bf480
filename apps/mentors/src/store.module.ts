import { Module } from '@nestjs/common';
import { CLOCK, systemClock } from '#ddd';
import { AssignmentLoaders } from './assignments/graphql/assignment.loaders.js';
import { AssignmentRepository } from './assignments/persistence/assignment.repository.js';
import { CheckInLoaders } from './check-ins/graphql/check-in.loaders.js';
import { CheckInRepository } from './check-ins/persistence/check-in.repository.js';
import { CohortProjectionRepository } from './cohorts/persistence/cohort-projection.repository.js';
import { InternProfileLoaders } from './interns/graphql/intern-profile.loaders.js';
import { InternProjectionRepository } from './interns/persistence/intern-projection.repository.js';
import { MatchingPreferencesRepository } from './matching/persistence/matching-preferences.repository.js';
import { MentorLoaders } from './mentors/graphql/mentor.loaders.js';
import { MentorsUnitOfWork } from './mentors/commands/unit-of-work.js';
import { MentorRepository } from './mentors/persistence/mentor.repository.js';

const providers = [
  MentorsUnitOfWork,
  MentorRepository,
  MentorLoaders,
  InternProjectionRepository,
  InternProfileLoaders,
  CohortProjectionRepository,
  AssignmentRepository,
  AssignmentLoaders,
  CheckInRepository,
  CheckInLoaders,
  MatchingPreferencesRepository,
  { provide: CLOCK, useValue: systemClock },
];

/**
 * Every repository and per-request loader of the mentors database, in one module the feature
 * modules import: the contexts read each other's data (an assignment locks the intern's and the
 * mentor's rows; a check-in needs the assignment and the cohort calendar) without importing each
 * other's commands. Handlers and resolvers live in the feature modules, each in exactly one.
 */
@Module({ providers, exports: providers })
export class StoreModule {}
