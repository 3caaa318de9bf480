import { CalendarFeedOrmEntity } from './cohorts/persistence/calendar-feed.orm-entity.js';
import { ClockEventOrmEntity } from './cohorts/persistence/clock-event.orm-entity.js';
import { CohortOrmEntity } from './cohorts/persistence/cohort.orm-entity.js';
import { EnrollmentExtensionOrmEntity } from './cohorts/persistence/enrollment-extension.orm-entity.js';
import { EnrollmentOrmEntity } from './cohorts/persistence/enrollment.orm-entity.js';
import { OnboardingCompletionOrmEntity, OnboardingTaskOrmEntity } from './cohorts/persistence/onboarding.orm-entity.js';
import { PresentationSlotOrmEntity } from './cohorts/persistence/presentation-slot.orm-entity.js';
import { MentorAssignmentOrmEntity } from './cohorts/persistence/mentor-assignment.orm-entity.js';
import { RegisteredMentorOrmEntity } from './cohorts/persistence/registered-mentor.orm-entity.js';
import {
  TechTalkAttendanceOrmEntity,
  TechTalkOrmEntity,
  TechTalkRsvpOrmEntity,
} from './cohorts/persistence/tech-talk.orm-entity.js';

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
];
