import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '#ddd';
import { scopeDecider } from '../../domain/access.js';
import { validateExpectedRevision } from '../../domain/project.js';
import type { ProjectRecord } from '../../persistence/project-read.repository.js';
import { ProjectScopeChanges } from '../project-context.js';
import { ApproveProjectScopeCommand } from './approve-project-scope.command.js';

/**
 * The primary mentor (or a program manager while the intern has none, see scopeDecider) approves
 * the SUBMITTED version: it comes into force, the one before is SUPERSEDED. Who the primary mentor is comes from scoping's projection of the assignment events
 * at the moment of approval, so an assignment made after the draft counts.
 */
@CommandHandler(ApproveProjectScopeCommand)
export class ApproveProjectScopeHandler implements ICommandHandler<ApproveProjectScopeCommand, ProjectRecord> {
  constructor(
    private readonly changes: ProjectScopeChanges,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ projectId, expectedRevision, caller }: ApproveProjectScopeCommand): Promise<ProjectRecord> {
    // Bad input is refused before any lock is taken (Project.approve checks it again).
    validateExpectedRevision(expectedRevision);
    return this.changes.run(projectId, caller, {
      // The decider (primary mentor, or a PM while there is none) is checked before the
      // enrollment's state and named in the event.
      authorize: (_project, { mentors }) => void scopeDecider(caller, mentors, 'approve the scope'),
      apply: (project, { mentors, program }) =>
        project.approve(
          scopeDecider(caller, mentors, 'approve the scope'),
          this.clock.now(),
          expectedRevision,
          program.grants,
        ),
    });
  }
}
