import { InternMilestoneOrmEntity } from './calendar-feeds/persistence/intern-milestone.orm-entity.js';
import { CalendarFeedOrmEntity } from './calendar-feeds/persistence/calendar-feed.orm-entity.js';
import { ClockEventOrmEntity } from './program-clock/persistence/clock-event.orm-entity.js';
import { CohortOrmEntity } from './cohorts/persistence/cohort.orm-entity.js';
import { EnrollmentExtensionOrmEntity } from './enrollments/persistence/enrollment-extension.orm-entity.js';
import { EnrollmentOrmEntity } from './enrollments/persistence/enrollment.orm-entity.js';
import {
  OnboardingCompletionOrmEntity,
  OnboardingTaskOrmEntity,
} from './onboarding/persistence/onboarding.orm-entity.js';
import { PresentationSlotOrmEntity } from './presentations/persistence/presentation-slot.orm-entity.js';
import { MentorAssignmentOrmEntity } from './mentors/persistence/mentor-assignment.orm-entity.js';
import { RegisteredMentorOrmEntity } from './mentors/persistence/registered-mentor.orm-entity.js';
import {
  TechTalkAttendanceOrmEntity,
  TechTalkOrmEntity,
  TechTalkRsvpOrmEntity,
} from './tech-talks/persistence/tech-talk.orm-entity.js';

/** Every TypeORM entity of the cohorts database. */
export const cohortsEntities = [
  CohortOrmEntity,
  EnrollmentOrmEntity,
  ClockEventOrmEntity,
  OnboardingTaskOrmEntity,
  OnboardingCompletionOrmEntity,
  EnrollmentExtensionOrmEntity,
  TechTalkOrmEntity,
  TechTalkRsvpOrmEntity,
  TechTalkAttendanceOrmEntity,
  PresentationSlotOrmEntity,
  RegisteredMentorOrmEntity,
  MentorAssignmentOrmEntity,
  CalendarFeedOrmEntity,
  InternMilestoneOrmEntity,
];
