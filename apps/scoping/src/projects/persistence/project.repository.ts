import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { ConflictError } from '#ddd';
import { isUniqueViolation } from '#platform';
import {
  Project,
  type HistoryEntry,
  type ProjectState,
  type ScopeAction,
  type ScopeStatus,
  type ScopeVersionState,
} from '../domain/project.js';
import {
  ProjectOrmEntity,
  ScopeHistoryOrmEntity,
  ScopeMilestoneOrmEntity,
  ScopeVersionOrmEntity,
} from './project.orm-entities.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

export function versionFromRows(v: ScopeVersionOrmEntity, milestones: ScopeMilestoneOrmEntity[]): ScopeVersionState {
  return {
    version: v.version,
    status: v.status as ScopeStatus,
    title: v.title,
    problemStatement: v.problemStatement,
    objectives: v.objectives,
    successMetrics: v.successMetrics,
    deliverables: v.deliverables,
    milestones: milestones
      .filter((m) => m.projectId === v.projectId && m.version === v.version)
      .sort((a, b) => a.position - b.position)
      .map((m) => ({
        id: m.milestoneId,
        title: m.title,
        dueWeek: m.dueWeek,
        acceptanceCriteria: m.acceptanceCriteria,
      })),
    extensionGrantsSeen: v.extensionGrantsSeen,
    draftedBy: v.draftedBy,
    draftedAt: v.draftedAt,
    updatedAt: v.updatedAt,
    submittedBy: v.submittedBy,
    submittedAt: v.submittedAt,
    decidedBy: v.decidedBy,
    decidedAt: v.decidedAt,
    feedback: v.feedback,
  };
}

export function historyFromRow(h: ScopeHistoryOrmEntity): HistoryEntry {
  return { version: h.version, action: h.action as ScopeAction, actorId: h.actorId, at: h.at, feedback: h.feedback };
}

/**
 * Loads and saves the Project aggregate (project row, versions, their milestones, history) through
 * the caller's transaction. `forUpdate` locks the project row, so concurrent commands on one
 * project run one after the other; saving checks the revision it was loaded at as well.
 */
@Injectable()
export class ProjectRepository {
  async findById(tx: EntityManager, id: string, options: { forUpdate?: boolean } = {}): Promise<Project | null> {
    if (!isUuid(id)) return null;
    const row = await tx.getRepository(ProjectOrmEntity).findOne({
      where: { id },
      ...(options.forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    return row ? this.load(tx, row) : null;
  }

  async findByIntern(
    tx: EntityManager,
    internId: string,
    cohortId: string,
    options: { forUpdate?: boolean } = {},
  ): Promise<Project | null> {
    const row = await tx.getRepository(ProjectOrmEntity).findOne({
      where: { internId, cohortId },
      ...(options.forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    return row ? this.load(tx, row) : null;
  }

  /** The project a milestone (of any of its versions) belongs to. */
  async projectIdOfMilestone(tx: EntityManager, milestoneId: string): Promise<string | null> {
    if (!isUuid(milestoneId)) return null;
    const row = await tx
      .getRepository(ScopeMilestoneOrmEntity)
      .findOne({ where: { milestoneId }, select: { projectId: true } });
    return row?.projectId ?? null;
  }

  /** Inserts a new project; a second first draft for the same intern and cohort is a CONFLICT. */
  async insert(tx: EntityManager, project: Project): Promise<void> {
    const s = project.snapshot();
    try {
      await tx.getRepository(ProjectOrmEntity).insert(this.projectRow(s));
    } catch (err) {
      // Two first drafts at once: the unique key lets one in (this transaction is aborted anyway).
      if (isUniqueViolation(err, 'projects_intern_cohort_key')) {
        throw new ConflictError(
          'a project for this intern and cohort was created meanwhile: reload it and draft again',
        );
      }
      throw err;
    }
    await this.writeChanges(tx, project);
  }

  async save(tx: EntityManager, project: Project): Promise<void> {
    const s = project.snapshot();
    const { revision, latestVersion, versionInForce, status, updatedAt } = this.projectRow(s);
    const result = await tx
      .createQueryBuilder()
      .update(ProjectOrmEntity)
      .set({ revision, latestVersion, versionInForce, status, updatedAt })
      .where('id = :id AND revision = :loaded', { id: s.id, loaded: project.revisionWhenLoaded })
      .execute();
    if (result.affected !== 1) {
      throw new ConflictError(`project ${s.id} was changed meanwhile: reload it and apply your change again`);
    }
    await this.writeChanges(tx, project);
  }

  private projectRow(s: ProjectState): ProjectOrmEntity {
    const latest = s.versions[s.versions.length - 1]!;
    return {
      id: s.id,
      internId: s.internId,
      cohortId: s.cohortId,
      enrollmentId: s.enrollmentId,
      revision: s.revision,
      latestVersion: latest.version,
      versionInForce: s.versions.find((v) => v.status === 'APPROVED')?.version ?? null,
      status: latest.status,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
    };
  }

  private async writeChanges(tx: EntityManager, project: Project): Promise<void> {
    const s = project.snapshot();
    for (const n of project.touchedVersions) {
      const v = s.versions.find((x) => x.version === n)!;
      await tx.getRepository(ScopeVersionOrmEntity).upsert(
        {
          projectId: s.id,
          version: v.version,
          status: v.status,
          title: v.title,
          problemStatement: v.problemStatement,
          objectives: v.objectives,
          successMetrics: v.successMetrics,
          deliverables: v.deliverables,
          extensionGrantsSeen: v.extensionGrantsSeen,
          draftedBy: v.draftedBy,
          draftedAt: v.draftedAt,
          updatedAt: v.updatedAt,
          submittedBy: v.submittedBy,
          submittedAt: v.submittedAt,
          decidedBy: v.decidedBy,
          decidedAt: v.decidedAt,
          feedback: v.feedback,
        },
        { conflictPaths: ['projectId', 'version'] },
      );
      await tx.getRepository(ScopeMilestoneOrmEntity).delete({ projectId: s.id, version: v.version });
      if (v.milestones.length > 0) {
        await tx.getRepository(ScopeMilestoneOrmEntity).insert(
          v.milestones.map((m, position) => ({
            projectId: s.id,
            version: v.version,
            milestoneId: m.id,
            position,
            title: m.title,
            dueWeek: m.dueWeek,
            acceptanceCriteria: m.acceptanceCriteria,
          })),
        );
      }
    }
    if (project.newHistory.length > 0) {
      await tx.getRepository(ScopeHistoryOrmEntity).insert(
        project.newHistory.map((h) => ({
          projectId: s.id,
          version: h.version,
          action: h.action,
          actorId: h.actorId,
          at: h.at,
          feedback: h.feedback,
        })),
      );
    }
  }

  private async load(tx: EntityManager, row: ProjectOrmEntity): Promise<Project> {
    const versions = await tx
      .getRepository(ScopeVersionOrmEntity)
      .find({ where: { projectId: row.id }, order: { version: 'ASC' } });
    const milestones = await tx.getRepository(ScopeMilestoneOrmEntity).find({ where: { projectId: In([row.id]) } });
    const history = await tx
      .getRepository(ScopeHistoryOrmEntity)
      .find({ where: { projectId: row.id }, order: { id: 'ASC' } });
    return Project.rehydrate({
      id: row.id,
      internId: row.internId,
      cohortId: row.cohortId,
      enrollmentId: row.enrollmentId,
      revision: row.revision,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      versions: versions.map((v) => versionFromRows(v, milestones)),
      history: history.map(historyFromRow),
    });
  }
}
