import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { NotFoundError } from '#ddd';
import { Outbox } from '#messaging';
import { CLOCK, type Clock } from '../../clock.js';
import { assertIsPrimaryMentor } from '../../domain/access.js';
import { validateExpectedRevision, validateScopeFeedback } from '../../domain/project.js';
import { recordOf, type ProjectRecord } from '../../persistence/project-read.repository.js';
import { ProjectRepository } from '../../persistence/project.repository.js';
import { toIntegrationEvents } from '../integration-events.js';
import { assertOngoing, ProjectContextLoader } from '../project-context.js';
import { RequestScopeChangesCommand } from './request-scope-changes.command.js';

/** The primary mentor sends a SUBMITTED version back with feedback. */
@CommandHandler(RequestScopeChangesCommand)
export class RequestScopeChangesHandler implements ICommandHandler<RequestScopeChangesCommand, ProjectRecord> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly projects: ProjectRepository,
    private readonly context: ProjectContextLoader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ projectId, feedback, expectedRevision, caller }: RequestScopeChangesCommand): Promise<ProjectRecord> {
    // Bad input is refused before any lock is taken (Project.requestChanges checks it again).
    validateScopeFeedback(feedback);
    validateExpectedRevision(expectedRevision);
    return this.dataSource.transaction(async (tx) => {
      const project = await this.projects.findById(tx, projectId, { forUpdate: true });
      if (!project) throw new NotFoundError('Project', projectId);
      const { mentors, program } = await this.context.visibleTo(tx, caller, project, {
        entity: 'Project',
        id: projectId,
      });
      assertIsPrimaryMentor(caller, mentors, 'request changes to the scope');
      assertOngoing(program);
      project.requestChanges(caller.sub, feedback, this.clock.now(), expectedRevision);
      await this.projects.save(tx, project);
      await this.outbox.append(tx, toIntegrationEvents(project.pullDomainEvents()));
      return recordOf(project);
    });
  }
}
