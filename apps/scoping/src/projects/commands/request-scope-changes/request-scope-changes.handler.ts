import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock, NotFoundError } from '#ddd';
import { assertIsPrimaryMentor } from '../../domain/access.js';
import { validateExpectedRevision, validateScopeFeedback } from '../../domain/project.js';
import { recordOf, type ProjectRecord } from '../../persistence/project-read.repository.js';
import { ProjectRepository } from '../../persistence/project.repository.js';
import { assertOngoing, ProjectContextLoader } from '../project-context.js';
import { ProjectsUnitOfWork } from '../unit-of-work.js';
import { RequestScopeChangesCommand } from './request-scope-changes.command.js';

/** The primary mentor sends a SUBMITTED version back with feedback. */
@CommandHandler(RequestScopeChangesCommand)
export class RequestScopeChangesHandler implements ICommandHandler<RequestScopeChangesCommand, ProjectRecord> {
  constructor(
    private readonly uow: ProjectsUnitOfWork,
    private readonly projects: ProjectRepository,
    private readonly context: ProjectContextLoader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ projectId, feedback, expectedRevision, caller }: RequestScopeChangesCommand): Promise<ProjectRecord> {
    // Bad input is refused before any lock is taken (Project.requestChanges checks it again).
    validateScopeFeedback(feedback);
    validateExpectedRevision(expectedRevision);
    return this.uow.run(async ({ tx, track }) => {
      const project = track(await this.projects.findById(tx, projectId, { forUpdate: true }));
      if (!project) throw new NotFoundError('Project', projectId);
      const { mentors, program } = await this.context.visibleTo(tx, caller, project, {
        entity: 'Project',
        id: projectId,
      });
      assertIsPrimaryMentor(caller, mentors, 'request changes to the scope');
      assertOngoing(program);
      project.requestChanges(caller.sub, feedback, this.clock.now(), expectedRevision);
      await this.projects.save(tx, project);
      return recordOf(project);
    });
  }
}
