import { MentorAssignedV1, MentorUnassignedV1 } from '#contracts';
import { outgoing } from '#messaging';
import type { AssignmentView } from '../persistence/assignment.repository.js';

/** How this service answers a blank id (`requiredId`'s wording here). */
export const MUST_NOT_BE_EMPTY = { blank: 'must not be empty' };

/**
 * Assignment events are keyed by the intern: consumers (scoping: who may approve the scope;
 * evaluations: who evaluates) see an intern's unassignments and assignments in order.
 */
export function mentorAssigned(a: AssignmentView) {
  return outgoing(MentorAssignedV1, a.internId, {
    assignmentId: a.id,
    cohortId: a.cohortId,
    internId: a.internId,
    mentorId: a.mentorId,
    role: a.role,
    assignedAt: a.assignedAt.toISOString(),
  });
}

export function mentorUnassigned(a: AssignmentView, reason: string) {
  return outgoing(MentorUnassignedV1, a.internId, {
    assignmentId: a.id,
    cohortId: a.cohortId,
    internId: a.internId,
    mentorId: a.mentorId,
    role: a.role,
    reason,
  });
}
