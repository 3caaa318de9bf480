import type { Identity } from '#platform';
import { weekEndsOn } from '#calendar';
import type { InternProgram } from '../../program/persistence/program.repository.js';
import { canViewProject } from '../domain/access.js';
import { effectiveDueWeek, ScopeStatus } from '../domain/project.js';
import type { ProjectRecord, VersionRecord } from '../persistence/project-read.repository.js';
import type { MilestoneType, ProjectType, ScopeVersionType } from './project.type.js';
import type { RequestLoaders } from './scoping.loaders.js';

/**
 * Whether the caller may see a project: a relationship the role guard cannot know, so every
 * entry point to a project asks this itself (program managers, the intern, their mentors).
 */
export async function mayView(
  loaders: RequestLoaders,
  caller: Identity | undefined,
  project: Pick<ProjectRecord, 'internId' | 'cohortId'>,
): Promise<boolean> {
  if (!caller) return false;
  if (canViewProject(caller, project.internId, { primaryMentorId: null, mentorIds: [] })) return true;
  if (!caller.roles.includes('MENTOR')) return false;
  const mentors = await loaders.mentors.load({ internId: project.internId, cohortId: project.cohortId });
  return canViewProject(caller, project.internId, mentors);
}

export function projectView(record: ProjectRecord): ProjectType {
  return {
    id: record.id,
    internId: record.internId,
    cohortId: record.cohortId,
    revision: record.revision,
    status: record.status as ScopeStatus,
    latestVersion: record.latestVersion,
    versionInForce: record.versionInForce,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

export function versionView(v: VersionRecord, project: Pick<ProjectRecord, 'internId' | 'cohortId'>): ScopeVersionType {
  return {
    version: v.version,
    status: v.status,
    inForce: v.status === ScopeStatus.APPROVED,
    title: v.title,
    problemStatement: v.problemStatement,
    objectives: v.objectives,
    successMetrics: v.successMetrics,
    deliverables: v.deliverables,
    draftedBy: v.draftedBy,
    draftedAt: v.draftedAt,
    updatedAt: v.updatedAt,
    submittedBy: v.submittedBy,
    submittedAt: v.submittedAt,
    decidedBy: v.decidedBy,
    decidedAt: v.decidedAt,
    feedback: v.feedback,
    history: v.history,
    projectId: v.projectId,
    internId: project.internId,
    cohortId: project.cohortId,
    extensionGrantsSeen: v.extensionGrantsSeen,
    plannedMilestones: v.milestones,
  };
}

/** The milestones of a version, with due weeks in the intern's current calendar. */
export function milestoneViews(version: ScopeVersionType, program: InternProgram | null): MilestoneType[] {
  return version.plannedMilestones.map((m) => ({
    id: m.id,
    projectId: version.projectId,
    version: version.version,
    title: m.title,
    dueWeek: effectiveDueWeek(m, version, program?.grants ?? []),
    plannedDueWeek: m.dueWeek,
    acceptanceCriteria: m.acceptanceCriteria,
    internId: version.internId,
    cohortId: version.cohortId,
  }));
}

/** The last day of an intern's week, YYYY-MM-DD in the cohort's timezone. */
export function weekEnd(program: InternProgram | null, week: number): string | null {
  return program ? weekEndsOn(program.cohort.startDate, week) : null;
}
