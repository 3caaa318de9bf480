import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { HistoryEntry, Project, ScopeVersionState } from '../domain/project.js';
import type { ReportState } from '../domain/milestone-report.js';
import { DeadlineNoticeOrmEntity } from './deadline-notice.orm-entity.js';
import { MilestoneReportOrmEntity } from './milestone-report.orm-entity.js';
import { reportFromRow } from './milestone-report.repository.js';
import {
  ProjectOrmEntity,
  ScopeHistoryOrmEntity,
  ScopeMilestoneOrmEntity,
  ScopeVersionOrmEntity,
} from './project.orm-entities.js';
import { historyFromRow, isUuid, versionFromRows } from './project.repository.js';

/** A project as the read side returns it; versions, milestones and reports come through loaders. */
export interface ProjectRecord {
  id: string;
  internId: string;
  cohortId: string;
  enrollmentId: string;
  revision: number;
  latestVersion: number;
  versionInForce: number | null;
  status: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface VersionRecord extends ScopeVersionState {
  projectId: string;
  history: HistoryEntry[];
}

export function recordOf(project: Project): ProjectRecord {
  const s = project.snapshot();
  return {
    id: s.id,
    internId: s.internId,
    cohortId: s.cohortId,
    enrollmentId: s.enrollmentId,
    revision: s.revision,
    latestVersion: project.latest.version,
    versionInForce: project.inForce?.version ?? null,
    status: project.status,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

/** Batched reads for the GraphQL loaders (outside any transaction). */
@Injectable()
export class ProjectReadRepository {
  constructor(private readonly dataSource: DataSource) {}

  async byIds(ids: readonly string[]): Promise<ProjectRecord[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    return this.dataSource.getRepository(ProjectOrmEntity).findBy({ id: In(valid) });
  }

  /** Each intern's most recent project. */
  async latestOfInterns(internIds: readonly string[]): Promise<ProjectRecord[]> {
    if (internIds.length === 0) return [];
    const rows = await this.dataSource
      .getRepository(ProjectOrmEntity)
      .find({ where: { internId: In([...internIds]) }, order: { createdAt: 'DESC', id: 'ASC' } });
    const latest = new Map<string, ProjectRecord>();
    for (const row of rows) if (!latest.has(row.internId)) latest.set(row.internId, row);
    return [...latest.values()];
  }

  /** Every version of the projects, oldest first, with milestones and history. */
  async versionsOf(projectIds: readonly string[]): Promise<VersionRecord[]> {
    const ids = projectIds.filter(isUuid);
    if (ids.length === 0) return [];
    const [versions, milestones, history] = await Promise.all([
      this.dataSource.getRepository(ScopeVersionOrmEntity).find({
        where: { projectId: In(ids) },
        order: { projectId: 'ASC', version: 'ASC' },
      }),
      this.dataSource.getRepository(ScopeMilestoneOrmEntity).find({ where: { projectId: In(ids) } }),
      this.dataSource
        .getRepository(ScopeHistoryOrmEntity)
        .find({ where: { projectId: In(ids) }, order: { id: 'ASC' } }),
    ]);
    return versions.map((v) => ({
      ...versionFromRows(v, milestones),
      projectId: v.projectId,
      history: history.filter((h) => h.projectId === v.projectId && h.version === v.version).map(historyFromRow),
    }));
  }

  /** The reports on the milestones, oldest attempt first. */
  async reportsOf(milestoneIds: readonly string[]): Promise<ReportState[]> {
    const ids = milestoneIds.filter(isUuid);
    if (ids.length === 0) return [];
    const rows = await this.dataSource
      .getRepository(MilestoneReportOrmEntity)
      .find({ where: { milestoneId: In(ids) }, order: { attempt: 'ASC' } });
    return rows.map(reportFromRow);
  }

  /** The overdue notices announced, by kind and subject. */
  async notices(subjects: readonly { kind: string; subject: string }[]): Promise<DeadlineNoticeOrmEntity[]> {
    if (subjects.length === 0) return [];
    return this.dataSource.getRepository(DeadlineNoticeOrmEntity).find({
      where: subjects.map((s) => ({ kind: s.kind, subject: s.subject })),
    });
  }
}
