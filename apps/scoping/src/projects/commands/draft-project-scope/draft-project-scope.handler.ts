import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock, ConflictError, NotFoundError } from '#ddd';
import { ProgramRepository } from '../../../program/persistence/program.repository.js';
import { assertIsTheIntern } from '../../domain/access.js';
import { Project, validateExpectedRevision } from '../../domain/project.js';
import { checkScopeInput } from '../../domain/scope-content.js';
import { recordOf, type ProjectRecord } from '../../persistence/project-read.repository.js';
import { ProjectRepository } from '../../persistence/project.repository.js';
import { assertOngoing } from '../project-context.js';
import { ProjectsUnitOfWork } from '../unit-of-work.js';
import { DraftProjectScopeCommand } from './draft-project-scope.command.js';

/**
 * The intern's scope in their current cohort (their latest enrollment scoping has seen). The
 * project row is locked for the transaction, so concurrent edits run one after the other and the
 * second sees the first's revision (CONFLICT when it sent the old one).
 */
@CommandHandler(DraftProjectScopeCommand)
export class DraftProjectScopeHandler implements ICommandHandler<DraftProjectScopeCommand, ProjectRecord> {
  constructor(
    private readonly uow: ProjectsUnitOfWork,
    private readonly projects: ProjectRepository,
    private readonly programs: ProgramRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ scope, expectedRevision, caller }: DraftProjectScopeCommand): Promise<ProjectRecord> {
    assertIsTheIntern(caller, caller.sub, 'draft a project scope');
    // Bad input is refused before any lock is taken. Due weeks beyond the intern's program (its
    // length comes with the enrollment) and milestone ids of the project are checked inside, by
    // Project.start / Project.draft, which check the rest again.
    const revision = validateExpectedRevision(expectedRevision);
    checkScopeInput(scope);
    return this.uow.run(async ({ tx, track }) => {
      const enrollment = await this.programs.latestEnrollment(tx, caller.sub);
      if (!enrollment) throw new NotFoundError('Enrollment of intern', caller.sub);
      const program = await this.programs.program(tx, caller.sub, enrollment.cohortId);
      if (!program) throw new NotFoundError('Cohort', enrollment.cohortId);
      assertOngoing(program);
      const now = this.clock.now();
      const ctx = { programWeeks: program.programWeeks, extensionGrants: program.grants.length, newId: randomUUID };
      let project = track(await this.projects.findByIntern(tx, caller.sub, program.cohortId, { forUpdate: true }));
      if (project) {
        project.draft(scope, ctx, caller.sub, now, expectedRevision);
        await this.projects.save(tx, project);
      } else {
        if (revision !== undefined && revision !== 0) {
          throw new ConflictError(`stale revision: you sent expectedRevision ${revision}, but you have no project yet`);
        }
        project = track(
          Project.start(
            { id: randomUUID(), internId: caller.sub, cohortId: program.cohortId, enrollmentId: program.enrollmentId },
            scope,
            ctx,
            caller.sub,
            now,
          ),
        );
        await this.projects.insert(tx, project);
      }
      return recordOf(project);
    });
  }
}
