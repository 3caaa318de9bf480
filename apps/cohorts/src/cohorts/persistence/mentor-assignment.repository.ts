import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface AssignmentFact {
  assignmentId: string;
  internId: string;
  mentorId: string;
  cohortId: string;
  role: 'PRIMARY' | 'CO_MENTOR';
}

/** The projection of MentorAssigned / MentorUnassigned: who mentors whom now. */
@Injectable()
export class MentorAssignmentRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Records an assignment; one whose unassignment arrived first stays ended. */
  async assigned(tx: EntityManager, a: AssignmentFact & { assignedAt: Date }): Promise<void> {
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
  async unassigned(tx: EntityManager, a: AssignmentFact & { at: Date }): Promise<void> {
    await tx.query(
      `INSERT INTO mentor_assignments (assignment_id, intern_id, mentor_id, cohort_id, role, assigned_at, unassigned_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6)
       ON CONFLICT (assignment_id) DO UPDATE
         SET unassigned_at = COALESCE(mentor_assignments.unassigned_at, EXCLUDED.unassigned_at)`,
      [a.assignmentId, a.internId, a.mentorId, a.cohortId, a.role, a.at],
    );
  }

  /** The mentors each intern has now (every key present; one query for all of them). */
  async activeMentorsOf(internIds: readonly string[]): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>(internIds.map((id) => [id, []]));
    if (internIds.length === 0) return result;
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT intern_id, mentor_id FROM mentor_assignments
        WHERE intern_id = ANY($1::text[]) AND unassigned_at IS NULL`,
      [[...new Set(internIds)]],
    )) as { intern_id: string; mentor_id: string }[];
    for (const row of rows) result.get(row.intern_id)?.push(row.mentor_id);
    return result;
  }
}
