import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock, NotFoundError } from '#ddd';
import { assertIsPrimaryMentor } from '../../domain/access.js';
import { validateExpectedRevision } from '../../domain/project.js';
import { recordOf, type ProjectRecord } from '../../persistence/project-read.repository.js';
import { ProjectRepository } from '../../persistence/project.repository.js';
import { assertOngoing, ProjectContextLoader } from '../project-context.js';
import { ProjectsUnitOfWork } from '../unit-of-work.js';
import { ApproveProjectScopeCommand } from './approve-project-scope.command.js';

/**
 * The primary mentor approves the SUBMITTED version: it comes into force, the one before is
 * SUPERSEDED. Who the primary mentor is comes from scoping's projection of the assignment events
 * at the moment of approval, so an assignment made after the draft counts.
 */
@CommandHandler(ApproveProjectScopeCommand)
export class ApproveProjectScopeHandler implements ICommandHandler<ApproveProjectScopeCommand, ProjectRecord> {
  constructor(
    private readonly uow: ProjectsUnitOfWork,
    private readonly projects: ProjectRepository,
    private readonly context: ProjectContextLoader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ projectId, expectedRevision, caller }: ApproveProjectScopeCommand): Promise<ProjectRecord> {
    // Bad input is refused before any lock is taken (Project.approve checks it again).
    validateExpectedRevision(expectedRevision);
    return this.uow.run(async ({ tx, track }) => {
      const project = track(await this.projects.findById(tx, projectId, { forUpdate: true }));
      if (!project) throw new NotFoundError('Project', projectId);
      const { mentors, program } = await this.context.visibleTo(tx, caller, project, {
        entity: 'Project',
        id: projectId,
      });
      assertIsPrimaryMentor(caller, mentors, 'approve the scope');
      assertOngoing(program);
      project.approve(caller.sub, this.clock.now(), expectedRevision, program.grants);
      await this.projects.save(tx, project);
      return recordOf(project);
    });
  }
}
