import { isProgramManager } from '#auth';
import type { Identity } from '#platform';

/**
 * Who may see what in this subgraph (SPEC §5: visibility is enforced on the server, per field).
 * The role guard checks roles on every field; relationships (own mentee, the intern themself,
 * the author) are these rules, asked by the field resolvers themselves: a field the caller may
 * not see resolves to null (or to the part of a list they may see), as for data that is not there.
 */
const PM = 'PROGRAM_MANAGER';
const MENTOR = 'MENTOR';

/** An intern's mentoring data (profile, mentors): program managers, the intern themself, the intern's own mentors: `#auth`. */
export { canSeeIntern, isProgramManager } from '#auth';

/** A mentor's email: program managers and mentors, never interns. */
export function canSeeMentorEmail(caller: Identity | undefined): boolean {
  return !!caller && (caller.roles.includes(PM) || caller.roles.includes(MENTOR));
}

/**
 * A mentor's mentees as the caller may see them: all of them for program managers and the mentor
 * themself; another mentor sees those who are their own mentees too; an intern sees at most
 * themself; anyone else sees none.
 */
export function visibleMentees(
  caller: Identity | undefined,
  mentorId: string,
  internIds: readonly string[],
  callersOwnMenteeIds: readonly string[] = [],
): string[] {
  if (!caller) return [];
  if (isProgramManager(caller) || caller.sub === mentorId) return [...internIds];
  return internIds.filter(
    (id) => id === caller.sub || (caller.roles.includes(MENTOR) && callersOwnMenteeIds.includes(id)),
  );
}

/** Whether `visibleMentees` needs the caller's own mentees to decide. */
export function needsCallersMentees(caller: Identity | undefined, mentorId: string): caller is Identity {
  return !!caller && !isProgramManager(caller) && caller.sub !== mentorId && caller.roles.includes(MENTOR);
}

/**
 * A check-in's private notes (SPEC §5: "mentor and PM only"): program managers and the mentor who
 * wrote them. Never the intern the check-in is about, whatever other roles they hold, and not
 * the intern's other mentors.
 */
export function canSeePrivateNotes(
  caller: Identity | undefined,
  checkIn: { internId: string; mentorId: string },
): boolean {
  if (!caller || caller.sub === checkIn.internId) return false;
  return isProgramManager(caller) || (caller.roles.includes(MENTOR) && caller.sub === checkIn.mentorId);
}
