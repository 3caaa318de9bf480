import { AssignmentOrmEntity } from './assignments/persistence/assignment.orm-entity.js';
import { CheckInOrmEntity } from './check-ins/persistence/check-in.orm-entity.js';
import { MissedCheckInOrmEntity } from './check-ins/persistence/missed-check-in.orm-entity.js';
import { CohortProjectionOrmEntity } from './cohorts/persistence/cohort-projection.orm-entity.js';
import { InternProjectionOrmEntity } from './interns/persistence/intern-projection.orm-entity.js';
import { MatchingPreferencesOrmEntity } from './matching/persistence/matching-preferences.orm-entity.js';
import { MentorOrmEntity } from './mentors/persistence/mentor.orm-entity.js';
import { PersonalDataErasureOrmEntity } from './mentors/persistence/personal-data-erasure.orm-entity.js';

/** Every TypeORM entity of the mentors database. */
export const mentorsEntities = [
  MentorOrmEntity,
  InternProjectionOrmEntity,
  AssignmentOrmEntity,
  CohortProjectionOrmEntity,
  CheckInOrmEntity,
  MissedCheckInOrmEntity,
  MatchingPreferencesOrmEntity,
  PersonalDataErasureOrmEntity,
];
