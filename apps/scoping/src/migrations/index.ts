import { messagingTablesMigration } from '#messaging';
import { ProgramProjections1732400000000 } from './1732400000000-program-projections.js';
import { Projects1732600000000 } from './1732600000000-projects.js';
import { DueSoonReminders1732700000000 } from './1732700000000-due-soon-reminders.js';
import { PersonalDataErasures1733610000001 } from './1733610000001-personal-data-erasures.js';

/** Every migration of the scoping database, in order. */
export const scopingMigrations = [
  messagingTablesMigration(1732300000000),
  ProgramProjections1732400000000,
  Projects1732600000000,
  DueSoonReminders1732700000000,
  PersonalDataErasures1733610000001,
];
