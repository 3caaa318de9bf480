import { MentorAssignmentOrmEntity } from './assignments/persistence/mentor-assignment.orm-entity.js';
import { PersonalDataErasureOrmEntity } from './erasure/persistence/personal-data-erasure.orm-entity.js';
import { CohortOrmEntity } from './program/persistence/cohort.orm-entity.js';
import { InternExtensionOrmEntity } from './program/persistence/intern-extension.orm-entity.js';
import { InternOrmEntity } from './program/persistence/intern.orm-entity.js';
import { DeadlineNoticeOrmEntity } from './projects/persistence/deadline-notice.orm-entity.js';
import { MilestoneReportOrmEntity } from './projects/persistence/milestone-report.orm-entity.js';
import {
  ProjectOrmEntity,
  ScopeHistoryOrmEntity,
  ScopeMilestoneOrmEntity,
  ScopeVersionOrmEntity,
} from './projects/persistence/project.orm-entities.js';

/** Every TypeORM entity of the scoping database. */
export const scopingEntities = [
  CohortOrmEntity,
  InternOrmEntity,
  InternExtensionOrmEntity,
  MentorAssignmentOrmEntity,
  ProjectOrmEntity,
  ScopeVersionOrmEntity,
  ScopeMilestoneOrmEntity,
  ScopeHistoryOrmEntity,
  MilestoneReportOrmEntity,
  DeadlineNoticeOrmEntity,
  PersonalDataErasureOrmEntity,
];
