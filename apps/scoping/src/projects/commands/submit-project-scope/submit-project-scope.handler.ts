import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '#ddd';
import { assertIsTheIntern } from '../../domain/access.js';
import { validateExpectedRevision } from '../../domain/project.js';
import type { ProjectRecord } from '../../persistence/project-read.repository.js';
import { ProjectScopeChanges } from '../project-context.js';
import { SubmitProjectScopeCommand } from './submit-project-scope.command.js';

/** The intern submits the latest version (DRAFT or CHANGES_REQUESTED) for their primary mentor's review. */
@CommandHandler(SubmitProjectScopeCommand)
export class SubmitProjectScopeHandler implements ICommandHandler<SubmitProjectScopeCommand, ProjectRecord> {
  constructor(
    private readonly changes: ProjectScopeChanges,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ projectId, expectedRevision, caller }: SubmitProjectScopeCommand): Promise<ProjectRecord> {
    // Bad input is refused before any lock is taken (Project.submit checks it again).
    validateExpectedRevision(expectedRevision);
    return this.changes.run(projectId, caller, {
      authorize: (project) => assertIsTheIntern(caller, project.internId, 'submit the scope'),
      apply: (project, { mentors }) =>
        project.submit(caller.sub, this.clock.now(), expectedRevision, mentors.primaryMentorId),
    });
  }
}
