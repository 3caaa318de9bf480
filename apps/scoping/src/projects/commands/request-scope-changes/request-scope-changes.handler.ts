import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '#ddd';
import { scopeDecider } from '../../domain/access.js';
import { validateExpectedRevision, validateScopeFeedback } from '../../domain/project.js';
import type { ProjectRecord } from '../../persistence/project-read.repository.js';
import { ProjectScopeChanges } from '../project-context.js';
import { RequestScopeChangesCommand } from './request-scope-changes.command.js';

/**
 * The primary mentor (or a program manager while the intern has none, see scopeDecider) sends a
 * SUBMITTED version back with feedback.
 */
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
      // The decider (primary mentor, or a PM while there is none) is checked before the
      // enrollment's state and named in the event.
      authorize: (_project, { mentors }) => void scopeDecider(caller, mentors, 'request changes to the scope'),
      apply: (project, { mentors }) =>
        project.requestChanges(
          scopeDecider(caller, mentors, 'request changes to the scope'),
          feedback,
          this.clock.now(),
          expectedRevision,
        ),
    });
  }
}
