import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConflictError } from '#ddd';
import { isUniqueViolation } from '#platform';
import { MilestoneReport, type ReportState, type ReportStatus } from '../domain/milestone-report.js';
import { MilestoneReportOrmEntity } from './milestone-report.orm-entity.js';
import { isUuid } from './project.repository.js';

export function reportFromRow(r: MilestoneReportOrmEntity): ReportState {
  return {
    id: r.id,
    projectId: r.projectId,
    milestoneId: r.milestoneId,
    internId: r.internId,
    cohortId: r.cohortId,
    scopeVersion: r.scopeVersion,
    attempt: r.attempt,
    status: r.status as ReportStatus,
    summary: r.summary,
    metricResults: r.metricResults,
    links: r.links,
    blockers: r.blockers,
    nextSteps: r.nextSteps,
    dueWeek: r.dueWeek,
    submittedWeek: r.submittedWeek,
    late: r.late,
    submittedBy: r.submittedBy,
    submittedAt: r.submittedAt,
    reviewedBy: r.reviewedBy,
    reviewedAt: r.reviewedAt,
    feedback: r.feedback,
  };
}

function toRow(s: ReportState): MilestoneReportOrmEntity {
  return { ...s };
}

/** Milestone reports through the caller's transaction. */
@Injectable()
export class MilestoneReportRepository {
  async findById(
    tx: EntityManager,
    id: string,
    options: { forUpdate?: boolean } = {},
  ): Promise<MilestoneReport | null> {
    if (!isUuid(id)) return null;
    const row = await tx.getRepository(MilestoneReportOrmEntity).findOne({
      where: { id },
      ...(options.forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    return row ? MilestoneReport.rehydrate(reportFromRow(row)) : null;
  }

  async forMilestone(tx: EntityManager, milestoneId: string): Promise<ReportState[]> {
    const rows = await tx
      .getRepository(MilestoneReportOrmEntity)
      .find({ where: { milestoneId }, order: { attempt: 'ASC' } });
    return rows.map(reportFromRow);
  }

  async insert(tx: EntityManager, report: MilestoneReport): Promise<void> {
    try {
      await tx.getRepository(MilestoneReportOrmEntity).insert(toRow(report.snapshot()));
    } catch (err) {
      if (isUniqueViolation(err, 'milestone_reports_attempt_key')) {
        throw new ConflictError('another report on this milestone came in meanwhile: reload the milestone');
      }
      throw err;
    }
  }

  async update(tx: EntityManager, report: MilestoneReport): Promise<void> {
    const s = report.snapshot();
    await tx
      .getRepository(MilestoneReportOrmEntity)
      .update(
        { id: s.id },
        { status: s.status, reviewedBy: s.reviewedBy, reviewedAt: s.reviewedAt, feedback: s.feedback },
      );
  }
}
