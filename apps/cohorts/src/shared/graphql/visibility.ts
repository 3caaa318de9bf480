import { hasRole } from '#auth';
import type { Identity } from '#platform';
import type { EnrollmentFilter } from '../../cohorts/persistence/cohort-read.repository.js';

/**
 * Who sees which interns in this service (SPEC §1, §5: visibility is enforced on the server,
 * per field). Program managers see everyone; an intern sees only their own record; a mentor
 * sees only their current mentees, as this service's own projection of MentorAssigned /
 * MentorUnassigned knows them. Anything else reads as if it did not exist (null, empty), so
 * an id cannot be probed.
 */
export function isProgramManager(identity: Identity | undefined): boolean {
  return !!identity && hasRole(identity, 'PROGRAM_MANAGER');
}

/** Whether the caller's relationship to the intern must be looked up (a mentor, not the intern). */
export function needsMentorsOf(identity: Identity | undefined, internId: string): identity is Identity {
  return !!identity && !isProgramManager(identity) && identity.sub !== internId && hasRole(identity, 'MENTOR');
}

/**
 * An intern's record (profile, enrollments, calendar, talk attendance): program managers, the
 * intern themself, and the intern's current mentors (`mentorIdsOfIntern`).
 */
export function canSeeIntern(
  identity: Identity | undefined,
  internId: string,
  mentorIdsOfIntern: readonly string[] = [],
): boolean {
  if (!identity) return false;
  if (isProgramManager(identity) || identity.sub === internId) return true;
  return hasRole(identity, 'MENTOR') && mentorIdsOfIntern.includes(identity.sub);
}

/**
 * Who booked a presentation slot: whoever may see that intern, and the mentors on the slot's
 * panel (they score that presentation).
 */
export function canSeeBooker(
  identity: Identity | undefined,
  slot: { bookedBy: string | null; panelMentorIds: readonly string[] },
  mentorIdsOfBooker: readonly string[] = [],
): boolean {
  if (!identity || !slot.bookedBy) return false;
  if (hasRole(identity, 'MENTOR') && slot.panelMentorIds.includes(identity.sub)) return true;
  return canSeeIntern(identity, slot.bookedBy, mentorIdsOfBooker);
}

/**
 * The enrollments a caller may list: all of them (program managers), else their own and, for a
 * mentor, those of their current mentees.
 */
export function enrollmentFilter(identity: Identity | undefined): EnrollmentFilter {
  if (isProgramManager(identity)) return {};
  // Intern ids are never empty, so a caller without an identity matches no enrollment.
  if (!identity) return { internId: '' };
  return hasRole(identity, 'MENTOR') ? { internId: identity.sub, menteesOf: identity.sub } : { internId: identity.sub };
}

/** Signed in with at least one role: may read cohorts, their calendars, talks and slots. */
export function canReadCohorts(identity: Identity | undefined): boolean {
  return !!identity && identity.roles.length > 0;
}
