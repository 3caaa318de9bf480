import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MentorAssignedV1, MentorUnassignedV1, type EventData } from '#contracts';
import { HandlesEvents, type ConsumedEvent, type IntegrationEventHandler } from '#messaging';

type Assigned = EventData<typeof MentorAssignedV1>;
type Unassigned = EventData<typeof MentorUnassignedV1>;

/**
 * Who mentors whom, from the mentors context: the intern's primary mentor is the one who writes
 * their evaluations, and a mentor sees only their own mentees. Order-proof: an unassignment that
 * arrives before its assignment leaves the assignment ended.
 */
@Injectable()
@HandlesEvents(MentorAssignedV1, MentorUnassignedV1)
export class AssignmentsProjection implements IntegrationEventHandler<Assigned | Unassigned> {
  async handle(event: ConsumedEvent<Assigned | Unassigned>, tx: EntityManager): Promise<void> {
    const d = event.data;
    if (event.type === MentorAssignedV1.type) {
      const a = d as Assigned;
      await tx.query(
        `INSERT INTO mentor_assignments (assignment_id, cohort_id, intern_id, mentor_id, role, assigned_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (assignment_id) DO UPDATE SET assigned_at = EXCLUDED.assigned_at`,
        [a.assignmentId, a.cohortId, a.internId, a.mentorId, a.role, new Date(a.assignedAt)],
      );
      return;
    }
    await tx.query(
      `INSERT INTO mentor_assignments (assignment_id, cohort_id, intern_id, mentor_id, role, assigned_at, unassigned)
       VALUES ($1, $2, $3, $4, $5, $6, true)
       ON CONFLICT (assignment_id) DO UPDATE SET unassigned = true`,
      [d.assignmentId, d.cohortId, d.internId, d.mentorId, d.role, new Date(event.time)],
    );
  }
}
