import type { EntityManager } from 'typeorm';
import { MentorAssignedV1, MentorUnassignedV1, type EventData } from '#contracts';
import { on } from '../event-handler.js';

type AssignmentFact = Pick<
  EventData<typeof MentorAssignedV1>,
  'assignmentId' | 'internId' | 'mentorId' | 'cohortId' | 'role'
>;

/** Records an assignment; one whose unassignment arrived first stays ended. */
async function assigned(tx: EntityManager, a: AssignmentFact & { assignedAt: Date }): Promise<void> {
  await tx.query(
    `INSERT INTO mentor_assignments (assignment_id, intern_id, mentor_id, cohort_id, role, assigned_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (assignment_id) DO UPDATE
       SET intern_id = EXCLUDED.intern_id, mentor_id = EXCLUDED.mentor_id, cohort_id = EXCLUDED.cohort_id,
           role = EXCLUDED.role, assigned_at = EXCLUDED.assigned_at`,
    [a.assignmentId, a.internId, a.mentorId, a.cohortId, a.role, a.assignedAt],
  );
}

/** Ends an assignment (recorded even before its MentorAssigned arrives: the end wins). */
async function unassigned(tx: EntityManager, a: AssignmentFact & { at: Date }): Promise<void> {
  await tx.query(
    `INSERT INTO mentor_assignments (assignment_id, intern_id, mentor_id, cohort_id, role, assigned_at, unassigned_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6)
     ON CONFLICT (assignment_id) DO UPDATE
       SET unassigned_at = COALESCE(mentor_assignments.unassigned_at, EXCLUDED.unassigned_at)`,
    [a.assignmentId, a.internId, a.mentorId, a.cohortId, a.role, a.at],
  );
}

/**
 * The `mentor_assignments` projection (assignment_id, intern_id, mentor_id, cohort_id, role,
 * assigned_at, unassigned_at, created by each service's own migration) that the cohorts and
 * scoping services keep, each in its own database: who mentors whom now, from the mentors
 * context's events. Order-proof: an unassignment that arrives before its assignment is kept,
 * and wins. A service's projection lists these entries as its `handlers`.
 */
export const MENTOR_ASSIGNMENTS_PROJECTION = [
  on(MentorAssignedV1, (d, _meta, tx) => assigned(tx, { ...d, assignedAt: new Date(d.assignedAt) })),
  on(MentorUnassignedV1, (d, meta, tx) => unassigned(tx, { ...d, at: new Date(meta.time) })),
];
