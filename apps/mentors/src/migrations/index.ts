import { messagingTablesMigration, personalDataKeysMigration } from '#messaging';
import { MentorsInternsAssignments1732400000000 } from './1732400000000-mentors-interns-assignments.js';
import { CohortsCheckInsMissed1732500000000 } from './1732500000000-cohorts-check-ins-missed.js';
import { MissedInternWeeks1732700000000 } from './1732700000000-missed-intern-weeks.js';
import { MatchingPreferences1732800000000 } from './1732800000000-matching-preferences.js';

/** Every migration of the mentors database, in order. */
export const mentorsMigrations = [
  messagingTablesMigration(1732300000000),
  MentorsInternsAssignments1732400000000,
  CohortsCheckInsMissed1732500000000,
  MissedInternWeeks1732700000000,
  MatchingPreferences1732800000000,
  personalDataKeysMigration(1733500000000),
];
