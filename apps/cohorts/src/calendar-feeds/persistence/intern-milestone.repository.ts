import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { applyApproval, type ApprovedScope, type CalendarMilestone } from '../domain/milestone-revisions.js';
import { InternMilestoneOrmEntity } from './intern-milestone.orm-entity.js';

/** The milestones of interns' approved scopes (projection of scoping's ProjectScopeApproved). */
@Injectable()
export class InternMilestoneRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Applies an approval inside the inbox transaction: the project's rows are locked, so two
   * approvals of one project apply one after the other; an approval not newer than the rows is a no-op.
   */
  async applyApproval(tx: EntityManager, approval: ApprovedScope): Promise<number> {
    const existing = await tx
      .getRepository(InternMilestoneOrmEntity)
      .createQueryBuilder('m')
      .setLock('pessimistic_write')
      .where('m.project_id = :projectId', { projectId: approval.projectId })
      .getMany();
    const rows = applyApproval(existing, approval);
    if (rows.length > 0) await tx.upsert(InternMilestoneOrmEntity, rows, ['milestoneId']);
    return rows.length;
  }

  /** The milestones on the calendars of these (cohort, intern) pairs, by due week. */
  async ofInterns(pairs: readonly { cohortId: string; internId: string }[]): Promise<Map<string, CalendarMilestone[]>> {
    const out = new Map<string, CalendarMilestone[]>();
    if (pairs.length === 0) return out;
    const qb = this.dataSource.getRepository(InternMilestoneOrmEntity).createQueryBuilder('m');
    pairs.forEach((p, i) =>
      qb.orWhere(`(m.cohort_id = :c${i} AND m.intern_id = :i${i})`, { [`c${i}`]: p.cohortId, [`i${i}`]: p.internId }),
    );
    const rows = await qb.orderBy('m.due_week').addOrderBy('m.milestone_id').getMany();
    for (const r of rows) {
      const key = `${r.cohortId}/${r.internId}`;
      out.set(key, [...(out.get(key) ?? []), { ...r }]);
    }
    return out;
  }
}
