import { messagingTablesMigration, personalDataKeysMigration } from '#messaging';
import { CohortsAndEnrollments1732400000000 } from './1732400000000-cohorts-and-enrollments.js';
import { CohortLife1732500000000 } from './1732500000000-cohort-life.js';
import { MentorAssignments1732600000000 } from './1732600000000-mentor-assignments.js';
import { ExtendedClockWeeks1732700000000 } from './1732700000000-extended-clock-weeks.js';
import { CalendarFeeds1732800000000 } from './1732800000000-calendar-feeds.js';
import { TalksAndSlotsOffPath1732950000000 } from './1732950000000-talks-and-slots-off-path.js';
import { AppliedEvaluationDecisions1732960000000 } from './1732960000000-applied-evaluation-decisions.js';
import { ReturnOffers1733100000000 } from './1733100000000-return-offers.js';
import { InternMilestones1733200000000 } from './1733200000000-intern-milestones.js';
import { PersonalDataErasure1733600000000 } from './1733600000000-personal-data-erasure.js';

/** Every migration of the cohorts database, in order. */
export const cohortsMigrations = [
  messagingTablesMigration(1732300000000),
  CohortsAndEnrollments1732400000000,
  CohortLife1732500000000,
  MentorAssignments1732600000000,
  ExtendedClockWeeks1732700000000,
  CalendarFeeds1732800000000,
  TalksAndSlotsOffPath1732950000000,
  AppliedEvaluationDecisions1732960000000,
  ReturnOffers1733100000000,
  InternMilestones1733200000000,
  personalDataKeysMigration(1733500000000),
  PersonalDataErasure1733600000000,
];
