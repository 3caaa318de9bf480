import { MentorAssignedV1, MentorUnassignedV1 } from '#contracts';
import { outgoing, type OutgoingEvent } from '#messaging';
import type { AssignmentView } from '../persistence/assignment.repository.js';

/**
 * Assignment events are keyed by the intern: consumers (scoping: who may approve the scope;
 * evaluations: who evaluates) see an intern's unassignments and assignments in order.
 */
export function mentorAssigned(a: AssignmentView): OutgoingEvent<unknown> {
  return outgoing(MentorAssignedV1, a.internId, {
    assignmentId: a.id,
    cohortId: a.cohortId,
    internId: a.internId,
    mentorId: a.mentorId,
    role: a.role,
    assignedAt: a.assignedAt.toISOString(),
  }) as OutgoingEvent<unknown>;
}

export function mentorUnassigned(a: AssignmentView, reason: string): OutgoingEvent<unknown> {
  return outgoing(MentorUnassignedV1, a.internId, {
    assignmentId: a.id,
    cohortId: a.cohortId,
    internId: a.internId,
    mentorId: a.mentorId,
    role: a.role,
    reason,
  }) as OutgoingEvent<unknown>;
}
