/**
 * The program calendar of a cohort and of each of its interns (SPEC §2): the one source of the
 * dates of weeks, phases, extensions, scope and milestone due weeks, evaluation windows and the
 * end of the program. Pure: every service computes its deadlines with these functions.
 */
export * from './week-dates.js';
export * from './phases.js';
export * from './extensions.js';
export * from './calendar.js';
export * from './reminders.js';
