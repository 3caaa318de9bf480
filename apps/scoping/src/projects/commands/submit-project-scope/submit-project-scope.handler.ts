import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock, NotFoundError } from '#ddd';
import { assertIsTheIntern } from '../../domain/access.js';
import { validateExpectedRevision } from '../../domain/project.js';
import { recordOf, type ProjectRecord } from '../../persistence/project-read.repository.js';
import { ProjectRepository } from '../../persistence/project.repository.js';
import { assertOngoing, ProjectContextLoader } from '../project-context.js';
import { ProjectsUnitOfWork } from '../unit-of-work.js';
import { SubmitProjectScopeCommand } from './submit-project-scope.command.js';

/** The intern submits the latest version (DRAFT or CHANGES_REQUESTED) for their primary mentor's review. */
@CommandHandler(SubmitProjectScopeCommand)
export class SubmitProjectScopeHandler implements ICommandHandler<SubmitProjectScopeCommand, ProjectRecord> {
  constructor(
    private readonly uow: ProjectsUnitOfWork,
    private readonly projects: ProjectRepository,
    private readonly context: ProjectContextLoader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ projectId, expectedRevision, caller }: SubmitProjectScopeCommand): Promise<ProjectRecord> {
    // Bad input is refused before any lock is taken (Project.submit checks it again).
    validateExpectedRevision(expectedRevision);
    return this.uow.run(async ({ tx, track }) => {
      const project = track(await this.projects.findById(tx, projectId, { forUpdate: true }));
      if (!project) throw new NotFoundError('Project', projectId);
      const { mentors, program } = await this.context.visibleTo(tx, caller, project, {
        entity: 'Project',
        id: projectId,
      });
      assertIsTheIntern(caller, project.internId, 'submit the scope');
      assertOngoing(program);
      project.submit(caller.sub, this.clock.now(), expectedRevision, mentors.primaryMentorId);
      await this.projects.save(tx, project);
      return recordOf(project);
    });
  }
}
