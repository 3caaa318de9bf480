import { ForbiddenError } from '#ddd';
import type { ScopeDecider } from './project.js';

export interface Caller {
  sub: string;
  roles: string[];
}

/** An intern's active mentors in one cohort, from scoping's projection of the assignment events. */
export interface InternMentors {
  primaryMentorId: string | null;
  /** Every active mentor: the primary and the co-mentors. */
  mentorIds: readonly string[];
}

export const NO_MENTORS: InternMentors = { primaryMentorId: null, mentorIds: [] };

const PM = 'PROGRAM_MANAGER';
const MENTOR = 'MENTOR';
const INTERN = 'INTERN';

/**
 * Who sees an intern's project: program managers, the intern themself and the intern's own
 * (active) mentors. Everyone else is told it does not exist (NOT_FOUND / null), exactly as for a
 * project that does not: an intern never learns whether another intern has one.
 */
export function canViewProject(caller: Caller | undefined, internId: string, mentors: InternMentors): boolean {
  if (!caller) return false;
  if (caller.roles.includes(PM)) return true;
  if (caller.roles.includes(INTERN) && caller.sub === internId) return true;
  return caller.roles.includes(MENTOR) && mentors.mentorIds.includes(caller.sub);
}

/** Only the intern drafts and submits their scope and their milestone reports. */
export function assertIsTheIntern(caller: Caller, internId: string, what: string): void {
  if (caller.roles.includes(INTERN) && caller.sub === internId) return;
  throw new ForbiddenError(`only the intern whose project it is may ${what}`);
}

/** Only the intern's primary mentor approves or sends back their scope. */
export function assertIsPrimaryMentor(caller: Caller, mentors: InternMentors, what: string): void {
  if (caller.roles.includes(MENTOR) && mentors.primaryMentorId === caller.sub) return;
  throw new ForbiddenError(
    mentors.primaryMentorId
      ? `only the intern's primary mentor may ${what}`
      : `only the intern's primary mentor may ${what}, and none is assigned yet`,
  );
}

/**
 * Who approves or sends back a submitted scope (SPEC §7): the intern's primary mentor; a program
 * manager only while the intern has no primary mentor. Once one is assigned the decision is theirs
 * alone: a PM is FORBIDDEN, told who holds it (assign or unassign through the mentors service to
 * change that). Returns the decider, with the role it acts in, for the events.
 */
export function scopeDecider(caller: Caller, mentors: InternMentors, what: string): ScopeDecider {
  const primaryMentorId = mentors.primaryMentorId;
  if (caller.roles.includes(MENTOR) && primaryMentorId === caller.sub) {
    return { id: caller.sub, role: 'MENTOR', primaryMentorId };
  }
  if (caller.roles.includes(PM)) {
    if (!primaryMentorId) return { id: caller.sub, role: 'PROGRAM_MANAGER', primaryMentorId: null };
    throw new ForbiddenError(
      `the intern has a primary mentor (${primaryMentorId}): only they may ${what}; a program manager may only while none is assigned`,
    );
  }
  assertIsPrimaryMentor(caller, mentors, what);
  return { id: caller.sub, role: 'MENTOR', primaryMentorId };
}

/** Any of the intern's mentors (primary or co-mentor) reviews their milestone reports. */
export function assertIsMentorOfIntern(caller: Caller, mentors: InternMentors, what: string): void {
  if (caller.roles.includes(MENTOR) && mentors.mentorIds.includes(caller.sub)) return;
  throw new ForbiddenError(`only a mentor of the intern may ${what}`);
}
