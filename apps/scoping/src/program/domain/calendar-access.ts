import { ForbiddenError } from '#ddd';

export interface Caller {
  sub: string;
  roles: string[];
}

/**
 * Who may see an intern's program dates: program managers, the intern themself, and the intern's
 * own mentors (`mentorIdsOfIntern`, from scoping's assignments projection). Everyone else is
 * refused, whether the intern exists or not.
 */
export function assertMayViewIntern(caller: Caller, internId: string, mentorIdsOfIntern: readonly string[] = []): void {
  if (caller.roles.includes('PROGRAM_MANAGER')) return;
  if (caller.roles.includes('INTERN') && caller.sub === internId) return;
  if (caller.roles.includes('MENTOR') && mentorIdsOfIntern.includes(caller.sub)) return;
  throw new ForbiddenError('only program managers, the intern and their mentors see an intern’s calendar');
}

/** Whether deciding needs the intern's mentors (a mentor asking about someone else). */
export function needsMentorsOf(caller: Caller, internId: string): boolean {
  return !caller.roles.includes('PROGRAM_MANAGER') && caller.sub !== internId && caller.roles.includes('MENTOR');
}
