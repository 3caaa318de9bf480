import { ConflictError, Violations } from '#ddd';
import { ASSIGNMENT_ROLES, type AssignmentRole } from './assignment-role.js';

/**
 * The rules of assigning a mentor to an intern, as a pure decision over what the transaction
 * read under its locks (the intern's enrollment row, then the mentor's row):
 *
 * - every active assignment takes one of the mentor's places, primary or co-mentor; a mentor at
 *   capacity takes no one else (CONFLICT);
 * - an intern has at most one primary mentor. Assigning a PRIMARY to an intern who has one is a
 *   CONFLICT unless the program manager says `replace` (SPEC 7): then it is a reassignment, the
 *   old primary's assignment ends (reason REPLACED_BY_NEW_PRIMARY) and the new one starts, in the
 *   same transaction;
 * - a co-mentor can be made primary the same way (`replace` too when there is a primary; their
 *   co-mentor assignment ends with reason
 *   ROLE_CHANGED; they keep the same place, so capacity is not asked again); a primary cannot be
 *   made co-mentor directly (assign another primary first, or unassign);
 * - assigning a mentor the same role again, to an intern whose enrollment is over, for a
 *   cohort the mentor is not available for, or a mentor whose personal data was erased, is a CONFLICT.
 */
export const END_REASONS = {
  unassigned: 'UNASSIGNED',
  replaced: 'REPLACED_BY_NEW_PRIMARY',
  roleChanged: 'ROLE_CHANGED',
  withdrawn: 'INTERN_WITHDRAWN',
  terminated: 'INTERN_TERMINATED',
  completed: 'INTERN_COMPLETED',
} as const;
export type EndReason = (typeof END_REASONS)[keyof typeof END_REASONS];

export interface AssignMentorProps {
  internId: string;
  mentorId: string;
  role: string;
  /** Replace the intern's current primary mentor (a PRIMARY over an existing one needs it). */
  replace?: boolean | null;
}

export interface ValidAssignment {
  internId: string;
  mentorId: string;
  role: AssignmentRole;
  replace: boolean;
}

export function validateAssignment(props: AssignMentorProps): ValidAssignment {
  const v = new Violations();
  const internId = typeof props.internId === 'string' ? props.internId.trim() : '';
  const mentorId = typeof props.mentorId === 'string' ? props.mentorId.trim() : '';
  v.check(internId.length > 0, 'internId', 'must not be empty');
  v.check(mentorId.length > 0, 'mentorId', 'must not be empty');
  v.check(
    (ASSIGNMENT_ROLES as readonly string[]).includes(props.role),
    'role',
    `must be one of ${ASSIGNMENT_ROLES.join(', ')}`,
  );
  v.check(props.replace == null || typeof props.replace === 'boolean', 'replace', 'must be true or false');
  v.throwIfAny();
  return { internId, mentorId, role: props.role as AssignmentRole, replace: props.replace === true };
}

export interface ActivePair {
  assignmentId: string;
  mentorId: string;
  role: AssignmentRole;
}

export interface AssignmentFacts {
  internId: string;
  cohortId: string;
  /** The intern's enrollment has ended (completed, withdrawn, terminated): status name, else null. */
  endedAs: string | null;
  mentorId: string;
  mentorCapacity: number;
  mentorAvailableForCohort: boolean;
  /** The mentor's personal data was erased: they take no new assignment (those they have stay). */
  mentorErased?: boolean;
  /** The mentor's active assignments, every role, every cohort. */
  mentorActiveCount: number;
  /** The intern's active assignments. */
  internActive: ActivePair[];
  role: AssignmentRole;
  /** The program manager asked to replace the current primary mentor. */
  replace?: boolean;
}

export interface AssignmentPlan {
  end: (ActivePair & { reason: EndReason })[];
  create: { role: AssignmentRole };
}

export class MentorAtCapacityError extends ConflictError {
  constructor(mentorId: string, taken: number, capacity: number) {
    super(`mentor ${mentorId} has no free place: ${taken} of ${capacity} taken`);
  }
}

export function planAssignment(f: AssignmentFacts): AssignmentPlan {
  if (f.mentorErased) {
    throw new ConflictError(`mentor ${f.mentorId}'s personal data was erased: they take no new assignments`);
  }
  if (f.endedAs) {
    throw new ConflictError(
      `intern ${f.internId} is ${f.endedAs} in cohort ${f.cohortId}: their mentors cannot change`,
    );
  }
  const current = f.internActive.find((a) => a.mentorId === f.mentorId);
  const primary = f.internActive.find((a) => a.role === 'PRIMARY');
  if (current?.role === f.role) {
    throw new ConflictError(`mentor ${f.mentorId} is already assigned to intern ${f.internId} as ${f.role}`);
  }
  if (current?.role === 'PRIMARY') {
    throw new ConflictError(
      `mentor ${f.mentorId} is intern ${f.internId}'s primary mentor: assign another primary mentor first, or unassign them`,
    );
  }
  if (f.role === 'PRIMARY' && primary && !f.replace) {
    throw new ConflictError(
      `intern ${f.internId} already has a primary mentor (${primary.mentorId}): assign with replace: true to replace them`,
    );
  }
  if (!current) {
    if (!f.mentorAvailableForCohort) {
      throw new ConflictError(`mentor ${f.mentorId} is not available for cohort ${f.cohortId}`);
    }
    if (f.mentorActiveCount >= f.mentorCapacity) {
      throw new MentorAtCapacityError(f.mentorId, f.mentorActiveCount, f.mentorCapacity);
    }
  }
  const end: AssignmentPlan['end'] = [];
  if (f.role === 'PRIMARY' && primary) end.push({ ...primary, reason: END_REASONS.replaced });
  if (current) end.push({ ...current, reason: END_REASONS.roleChanged });
  return { end, create: { role: f.role } };
}
