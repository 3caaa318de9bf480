import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '#ddd';
import { AssignmentRepository } from '../../assignments/persistence/assignment.repository.js';
import { ProgramRepository, type InternProgram } from '../../program/persistence/program.repository.js';
import { canViewProject, type Caller, type InternMentors } from '../domain/access.js';
import type { Project } from '../domain/project.js';
import { recordOf, type ProjectRecord } from '../persistence/project-read.repository.js';
import { ProjectRepository } from '../persistence/project.repository.js';
import { ProjectsUnitOfWork } from './unit-of-work.js';

export interface ProjectContext {
  mentors: InternMentors;
  program: InternProgram;
}

/**
 * What a command on an intern's project needs besides the project: the intern's mentors (who may
 * approve and review) and their program (calendar, clock, extensions, status), read in the
 * command's transaction from scoping's own projections.
 */
@Injectable()
export class ProjectContextLoader {
  constructor(
    private readonly programs: ProgramRepository,
    private readonly assignments: AssignmentRepository,
  ) {}

  /**
   * Loads the context and checks that the caller may see the project at all: anyone who may not
   * is told it does not exist (`entity` `id` NOT_FOUND), exactly as for a missing one.
   */
  async visibleTo(
    tx: EntityManager,
    caller: Caller,
    project: { internId: string; cohortId: string },
    notFound: { entity: string; id: string },
  ): Promise<ProjectContext> {
    const mentors = await this.assignments.mentorsOf(tx, project.internId, project.cohortId);
    if (!canViewProject(caller, project.internId, mentors)) throw new NotFoundError(notFound.entity, notFound.id);
    const program = await this.programs.program(tx, project.internId, project.cohortId);
    if (!program) throw new NotFoundError('Enrollment of intern', project.internId);
    return { mentors, program };
  }
}

/** Withdrawn and terminated interns' projects are closed. */
export function assertOngoing(program: InternProgram): void {
  if (program.status !== 'ENROLLED') {
    throw new ConflictError(`the intern's enrollment is ${program.status}: the project is closed`);
  }
}

/** One change of a project's scope (submit, approve, request changes). */
export interface ScopeChange {
  /** Refuses a caller who may see the project but not make this change (FORBIDDEN). */
  authorize(project: Project, context: ProjectContext): void;
  apply(project: Project, context: ProjectContext): void;
}

/**
 * Runs a change of a project's scope: the project row locked (concurrent changes run one after
 * the other), NOT_FOUND for a caller who may not see it, the change's own authorization, CONFLICT
 * once the intern's enrollment ended, then the change saved with its events.
 */
@Injectable()
export class ProjectScopeChanges {
  constructor(
    private readonly uow: ProjectsUnitOfWork,
    private readonly projects: ProjectRepository,
    private readonly context: ProjectContextLoader,
  ) {}

  run(projectId: string, caller: Caller, change: ScopeChange): Promise<ProjectRecord> {
    return this.uow.run(async ({ tx, track }) => {
      const project = track(await this.projects.findById(tx, projectId, { forUpdate: true }));
      if (!project) throw new NotFoundError('Project', projectId);
      const context = await this.context.visibleTo(tx, caller, project, { entity: 'Project', id: projectId });
      change.authorize(project, context);
      assertOngoing(context.program);
      change.apply(project, context);
      await this.projects.save(tx, project);
      return recordOf(project);
    });
  }
}
