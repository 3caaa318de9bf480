import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { ConflictError } from '#ddd';
import { isUniqueViolation } from '#platform';
import { returnedRows } from '../../persistence/sql.js';
import type { EndReason } from '../domain/assignment-policy.js';
import type { AssignmentRole } from '../domain/assignment-role.js';
import { AssignmentOrmEntity } from './assignment.orm-entity.js';

export interface ActiveAssignment {
  id: string;
  internId: string;
  mentorId: string;
  cohortId: string;
  role: AssignmentRole;
  assignedAt: Date;
}

/** An assignment, active or ended. */
export interface AssignmentView extends ActiveAssignment {
  unassignedAt: Date | null;
  endReason: string | null;
}

function toView(row: AssignmentOrmEntity): ActiveAssignment {
  return {
    id: row.id,
    internId: row.internId,
    mentorId: row.mentorId,
    cohortId: row.cohortId,
    role: row.role,
    assignedAt: row.assignedAt,
  };
}

interface AssignmentRow {
  id: string;
  intern_id: string;
  mentor_id: string;
  cohort_id: string;
  role: AssignmentRole;
  assigned_at: Date;
  unassigned_at: Date | null;
  end_reason: string | null;
}

function fromRow(r: AssignmentRow): AssignmentView {
  return {
    id: r.id,
    internId: r.intern_id,
    mentorId: r.mentor_id,
    cohortId: r.cohort_id,
    role: r.role,
    assignedAt: r.assigned_at,
    unassignedAt: r.unassigned_at,
    endReason: r.end_reason,
  };
}

const COLUMNS = 'id, intern_id, mentor_id, cohort_id, role, assigned_at, unassigned_at, end_reason';

/**
 * Reads the active assignments (primary first, then by when they were made) and writes
 * assignments inside the caller's transaction. Times come from the database clock, so that an
 * assignment never ends "before" it started.
 */
@Injectable()
export class AssignmentRepository {
  constructor(private readonly dataSource: DataSource) {}

  async activeForInterns(internIds: readonly string[]): Promise<ActiveAssignment[]> {
    return this.active({ internId: In([...internIds]) }, internIds.length);
  }

  async activeForMentors(mentorIds: readonly string[]): Promise<ActiveAssignment[]> {
    return this.active({ mentorId: In([...mentorIds]) }, mentorIds.length);
  }

  private async active(where: FindOptionsWhere<AssignmentOrmEntity>, count: number): Promise<ActiveAssignment[]> {
    if (count === 0) return [];
    const rows = await this.dataSource.getRepository(AssignmentOrmEntity).find({
      where: { ...where, unassignedAt: IsNull() },
      order: { assignedAt: 'ASC', id: 'ASC' },
    });
    const rank = (r: AssignmentOrmEntity): number => (r.role === 'PRIMARY' ? 0 : 1);
    return rows.sort((a, b) => rank(a) - rank(b)).map(toView);
  }

  /** The intern's active assignments, read inside the transaction (after the intern row was locked). */
  async activeForInternTx(tx: EntityManager, internId: string): Promise<AssignmentView[]> {
    const rows = (await tx.query(
      `SELECT ${COLUMNS} FROM assignments WHERE intern_id = $1 AND unassigned_at IS NULL ORDER BY assigned_at, id`,
      [internId],
    )) as AssignmentRow[];
    return rows.map(fromRow);
  }

  /** The mentor's places taken now (every role, every cohort), read after the mentor row was locked. */
  async countActiveForMentor(tx: EntityManager, mentorId: string): Promise<number> {
    const [row] = (await tx.query(
      `SELECT count(*)::int AS n FROM assignments WHERE mentor_id = $1 AND unassigned_at IS NULL`,
      [mentorId],
    )) as { n: number }[];
    return row?.n ?? 0;
  }

  /**
   * Starts an assignment. The partial unique indexes (one active assignment per pair, one active
   * primary per intern) are the last line of defence: a violation is a CONFLICT, never a crash.
   */
  async insert(
    tx: EntityManager,
    a: { internId: string; mentorId: string; cohortId: string; role: AssignmentRole; assignedBy: string },
  ): Promise<AssignmentView> {
    try {
      const [row] = (await tx.query(
        `INSERT INTO assignments (id, intern_id, mentor_id, cohort_id, role, assigned_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
        [randomUUID(), a.internId, a.mentorId, a.cohortId, a.role, a.assignedBy],
      )) as AssignmentRow[];
      return fromRow(row!);
    } catch (err) {
      if (isUniqueViolation(err, 'assignments_active_primary_uq')) {
        throw new ConflictError(`intern ${a.internId} already has a primary mentor`);
      }
      if (isUniqueViolation(err)) {
        throw new ConflictError(`mentor ${a.mentorId} is already assigned to intern ${a.internId}`);
      }
      throw err;
    }
  }

  /** Ends the given active assignments; returns those it ended (an already ended one is skipped). */
  async end(
    tx: EntityManager,
    assignmentIds: readonly string[],
    reason: EndReason,
    by: string | null,
  ): Promise<AssignmentView[]> {
    if (assignmentIds.length === 0) return [];
    const rows = returnedRows<AssignmentRow>(
      await tx.query(
        `UPDATE assignments SET unassigned_at = GREATEST(now(), assigned_at), end_reason = $2, unassigned_by = $3
          WHERE id = ANY($1::uuid[]) AND unassigned_at IS NULL
          RETURNING ${COLUMNS}`,
        [[...assignmentIds], reason, by],
      ),
    );
    return rows.map(fromRow);
  }

  /** Ends every active assignment of an intern in a cohort (the intern left the program). */
  async endAllForIntern(
    tx: EntityManager,
    internId: string,
    cohortId: string,
    reason: EndReason,
  ): Promise<AssignmentView[]> {
    const rows = returnedRows<AssignmentRow>(
      await tx.query(
        `UPDATE assignments SET unassigned_at = GREATEST(now(), assigned_at), end_reason = $3
          WHERE intern_id = $1 AND cohort_id = $2 AND unassigned_at IS NULL
          RETURNING ${COLUMNS}`,
        [internId, cohortId, reason],
      ),
    );
    return rows.map(fromRow);
  }

  /**
   * The assignments of an intern in a cohort that their latest withdrawal ended (every row that
   * withdrawal ended carries its transaction's time), primary first: what a reinstatement restores.
   */
  async endedByLatestWithdrawal(tx: EntityManager, internId: string, cohortId: string): Promise<AssignmentView[]> {
    const rows = (await tx.query(
      `SELECT ${COLUMNS} FROM assignments
        WHERE intern_id = $1 AND cohort_id = $2 AND end_reason = $3
          AND unassigned_at = (SELECT max(unassigned_at) FROM assignments
                                WHERE intern_id = $1 AND cohort_id = $2 AND end_reason = $3)
        ORDER BY (role = 'PRIMARY') DESC, assigned_at, id`,
      [internId, cohortId, 'INTERN_WITHDRAWN' satisfies EndReason],
    )) as AssignmentRow[];
    return rows.map(fromRow);
  }
}
