import { isMentorOf, isProgramManager } from '#auth';
import type { Identity } from '#platform';

/**
 * Who may see what in this subgraph (SPEC §5: visibility is enforced on the server, per field).
 * The role guard checks roles on every resolver; these relationship rules are asked by every
 * path itself (queries, fields, entity references). Program managers see everything; a mentor sees only the interns they mentor (any
 * role); an intern sees only themself, and never private comments (not even their own
 * evaluation's), never the return-offer recommendation.
 */
const MENTOR = 'MENTOR';

/** Who sees the intern's evaluations and progress (program managers, the intern, the intern's mentors): `#auth`. */
export { canSeeIntern, isMentorOf, isProgramManager } from '#auth';

/**
 * A mentor evaluation's private comments: program managers, its author and the intern's mentors,
 * never the intern (whatever other roles their token carries).
 */
export function canSeePrivateComments(
  caller: Identity | undefined,
  evaluation: { internId: string; authorId: string },
  mentorIdsOfIntern: readonly string[],
): boolean {
  if (!caller || caller.sub === evaluation.internId) return false;
  if (isProgramManager(caller)) return true;
  return (
    caller.roles.includes(MENTOR) && (caller.sub === evaluation.authorId || mentorIdsOfIntern.includes(caller.sub))
  );
}

/** The return-offer recommendation is for the program (managers and mentors), not for the intern. */
export function canSeeReturnOffer(
  caller: Identity | undefined,
  internId: string,
  mentorIdsOfIntern: readonly string[],
): boolean {
  if (!caller || caller.sub === internId) return false;
  return isProgramManager(caller) || isMentorOf(caller, mentorIdsOfIntern);
}

/**
 * Why an intern is at risk (SPEC: risk is watched by program managers): program managers and the
 * intern's mentors, never the intern (whatever other roles their token carries).
 */
export function canSeeRiskReasons(
  caller: Identity | undefined,
  internId: string,
  mentorIdsOfIntern: readonly string[],
): boolean {
  if (!caller || caller.sub === internId) return false;
  return isProgramManager(caller) || isMentorOf(caller, mentorIdsOfIntern);
}

/** The program NPS an intern gave: program managers and the intern themself (candid feedback, not for mentors). */
export function canSeeProgramNps(caller: Identity | undefined, internId: string): boolean {
  return !!caller && (isProgramManager(caller) || caller.sub === internId);
}
