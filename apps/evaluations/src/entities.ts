import { EvaluationWindowOrmEntity } from './evaluations/persistence/evaluation-window.orm-entity.js';
import { EvaluationOrmEntity } from './evaluations/persistence/evaluation.orm-entity.js';
import { PresentationScoreOrmEntity } from './presentations/persistence/presentation-score.orm-entity.js';
import { CohortClockOrmEntity } from './program/persistence/cohort-clock.orm-entity.js';
import { InternOrmEntity } from './program/persistence/intern.orm-entity.js';
import { MentorAssignmentOrmEntity } from './program/persistence/mentor-assignment.orm-entity.js';
import { PresentationSlotOrmEntity } from './program/persistence/presentation-slot.orm-entity.js';
import { CohortRubricOrmEntity } from './rubrics/persistence/cohort-rubric.orm-entity.js';

/** Every TypeORM entity of the evaluations database (the progress read model is plain SQL: see progress-tables.ts). */
export const evaluationsEntities = [
  InternOrmEntity,
  CohortClockOrmEntity,
  MentorAssignmentOrmEntity,
  PresentationSlotOrmEntity,
  EvaluationOrmEntity,
  EvaluationWindowOrmEntity,
  PresentationScoreOrmEntity,
  CohortRubricOrmEntity,
];
