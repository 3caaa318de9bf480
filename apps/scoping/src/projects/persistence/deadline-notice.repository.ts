import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { InternProgram } from '../../program/persistence/program.repository.js';
import type { InternDeadlineState, OverdueNotice } from '../domain/deadlines.js';
import type { MilestonePlan } from '../domain/scope-content.js';

interface InForceRow {
  project_id: string;
  intern_id: string;
  version: number | null;
  extension_grants_seen: number | null;
}

interface MilestoneRow {
  project_id: string;
  milestone_id: string;
  title: string;
  due_week: number;
}

/** What the deadline watch reads of a cohort's scopes and reports, and the notices it records. */
@Injectable()
export class DeadlineNoticeRepository {
  /** The deadline state of each of the cohort's interns: their scope in force, its milestones and the accepted ones. */
  async deadlineStates(
    tx: EntityManager,
    cohortId: string,
    interns: readonly InternProgram[],
  ): Promise<InternDeadlineState[]> {
    const projects = (await tx.query(
      `SELECT p.id AS project_id, p.intern_id, v.version, v.extension_grants_seen
         FROM projects p
         LEFT JOIN scope_versions v ON v.project_id = p.id AND v.version = p.version_in_force
        WHERE p.cohort_id = $1`,
      [cohortId],
    )) as InForceRow[];
    const milestones = (await tx.query(
      `SELECT m.project_id, m.milestone_id, m.title, m.due_week
         FROM scope_milestones m JOIN projects p ON p.id = m.project_id AND m.version = p.version_in_force
        WHERE p.cohort_id = $1
        ORDER BY m.project_id, m.position`,
      [cohortId],
    )) as MilestoneRow[];
    const accepted = (await tx.query(
      `SELECT DISTINCT milestone_id FROM milestone_reports WHERE cohort_id = $1 AND status = 'ACCEPTED'`,
      [cohortId],
    )) as { milestone_id: string }[];
    const acceptedIds = new Set(accepted.map((a) => a.milestone_id));
    const byIntern = new Map(projects.map((p) => [p.intern_id, p]));
    return interns.map((program) => {
      const row = byIntern.get(program.internId);
      const plans: MilestonePlan[] = milestones
        .filter((m) => m.project_id === row?.project_id)
        .map((m) => ({ id: m.milestone_id, title: m.title, dueWeek: m.due_week, acceptanceCriteria: [] }));
      return {
        internId: program.internId,
        cohortId,
        active: program.status === 'ENROLLED',
        grants: program.grants,
        project: row
          ? {
              id: row.project_id,
              inForce:
                row.version === null
                  ? undefined
                  : { version: row.version, extensionGrantsSeen: row.extension_grants_seen ?? 0, milestones: plans },
            }
          : null,
        acceptedMilestoneIds: acceptedIds,
      };
    });
  }

  /** Records the notice; false when it was announced before. */
  async recordNotice(tx: EntityManager, notice: OverdueNotice, endedWeek: number, causedBy: string): Promise<boolean> {
    const inserted = (await tx.query(
      `INSERT INTO deadline_notices
         (kind, subject, cohort_id, intern_id, project_id, milestone_id, due_week, noticed_in_week, caused_by, noticed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
       ON CONFLICT (kind, subject) DO NOTHING RETURNING subject`,
      [
        notice.kind,
        notice.subject,
        notice.cohortId,
        notice.internId,
        notice.projectId,
        notice.kind === 'MILESTONE' ? notice.milestoneId : null,
        notice.dueWeek,
        endedWeek,
        causedBy,
      ],
    )) as unknown[];
    return inserted.length === 1;
  }
}
