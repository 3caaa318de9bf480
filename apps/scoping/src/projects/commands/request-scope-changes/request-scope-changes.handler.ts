import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '#ddd';
import { assertIsPrimaryMentor } from '../../domain/access.js';
import { validateExpectedRevision, validateScopeFeedback } from '../../domain/project.js';
import type { ProjectRecord } from '../../persistence/project-read.repository.js';
import { ProjectScopeChanges } from '../project-context.js';
import { RequestScopeChangesCommand } from './request-scope-changes.command.js';

/** The primary mentor sends a SUBMITTED version back with feedback. */
@CommandHandler(RequestScopeChangesCommand)
export class RequestScopeChangesHandler implements ICommandHandler<RequestScopeChangesCommand, ProjectRecord> {
  constructor(
    private readonly changes: ProjectScopeChanges,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ projectId, feedback, expectedRevision, caller }: RequestScopeChangesCommand): Promise<ProjectRecord> {
    // Bad input is refused before any lock is taken (Project.requestChanges checks it again).
    validateScopeFeedback(feedback);
    validateExpectedRevision(expectedRevision);
    return this.changes.run(projectId, caller, {
      authorize: (_project, { mentors }) => assertIsPrimaryMentor(caller, mentors, 'request changes to the scope'),
      apply: (project) => project.requestChanges(caller.sub, feedback, this.clock.now(), expectedRevision),
    });
  }
}
