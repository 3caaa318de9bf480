import type { Identity } from '#platform';

/**
 * The relationship rules every subgraph that shows an intern's data asks (SPEC §5: visibility is
 * enforced on the server). Program managers see every intern; a mentor sees the interns they
 * mentor; an intern sees themself. A subgraph's own `graphql/visibility.ts` adds its field rules.
 */
export function isProgramManager(caller: Identity | undefined): boolean {
  return !!caller?.roles.includes('PROGRAM_MANAGER');
}

export function isMentorOf(caller: Identity | undefined, mentorIdsOfIntern: readonly string[]): boolean {
  return !!caller && caller.roles.includes('MENTOR') && mentorIdsOfIntern.includes(caller.sub);
}

/** An intern's data: program managers, the intern themself, and the intern's own mentors. */
export function canSeeIntern(
  caller: Identity | undefined,
  internId: string,
  mentorIdsOfIntern: readonly string[],
): boolean {
  if (!caller) return false;
  return isProgramManager(caller) || caller.sub === internId || isMentorOf(caller, mentorIdsOfIntern);
}
