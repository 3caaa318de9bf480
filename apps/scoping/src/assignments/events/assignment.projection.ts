import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MentorAssignedV1, MentorUnassignedV1, type EventData } from '#contracts';
import { HandlesEvents, type ConsumedEvent, type IntegrationEventHandler } from '#messaging';

type MentorAssigned = EventData<typeof MentorAssignedV1>;
type MentorUnassigned = EventData<typeof MentorUnassignedV1>;

/**
 * Scoping's own view of who mentors whom, from the mentors context's events. Consulted when a
 * command runs, so an assignment that arrives after a scope was drafted still lets that mentor
 * approve it. An unassignment that overtakes its assignment is kept, and wins.
 */
@Injectable()
@HandlesEvents(MentorAssignedV1, MentorUnassignedV1)
export class AssignmentProjection implements IntegrationEventHandler {
  async handle(event: ConsumedEvent<unknown>, tx: EntityManager): Promise<void> {
    switch (event.type) {
      case MentorAssignedV1.type: {
        const d = event.data as MentorAssigned;
        await tx.query(
          `INSERT INTO mentor_assignments (assignment_id, intern_id, mentor_id, cohort_id, role, assigned_at)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (assignment_id) DO UPDATE
             SET intern_id = EXCLUDED.intern_id, mentor_id = EXCLUDED.mentor_id, cohort_id = EXCLUDED.cohort_id,
                 role = EXCLUDED.role, assigned_at = EXCLUDED.assigned_at`,
          [d.assignmentId, d.internId, d.mentorId, d.cohortId, d.role, new Date(d.assignedAt)],
        );
        return;
      }
      case MentorUnassignedV1.type: {
        const d = event.data as MentorUnassigned;
        const at = new Date(event.time);
        await tx.query(
          `INSERT INTO mentor_assignments (assignment_id, intern_id, mentor_id, cohort_id, role, assigned_at, unassigned_at)
           VALUES ($1, $2, $3, $4, $5, $6, $6)
           ON CONFLICT (assignment_id) DO UPDATE SET unassigned_at = COALESCE(mentor_assignments.unassigned_at, $6)`,
          [d.assignmentId, d.internId, d.mentorId, d.cohortId, d.role, at],
        );
        return;
      }
      default:
        throw new Error(`AssignmentProjection does not handle ${event.type}`);
    }
  }
}
