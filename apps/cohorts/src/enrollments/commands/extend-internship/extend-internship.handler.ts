import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { requiredId } from '#ddd';
import { validateExtensionInput, type EnrollmentSnapshot } from '../../domain/enrollment.js';
import { EnrollmentLifecycle } from '../enrollment-lifecycle.js';
import { CohortsUnitOfWork } from '../../../shared/commands/unit-of-work.js';
import { ExtendInternshipCommand } from './extend-internship.command.js';

/**
 * A program manager extends an intern's own program by 1–5 weeks in total: every due date still
 * ahead of them moves, the cohort's do not; `InternshipExtended` carries the new dates. Bad
 * input (ids, weeks, reason) is refused before any transaction or lock; the 5 weeks in total are
 * checked against the stored extensions inside.
 */
@CommandHandler(ExtendInternshipCommand)
export class ExtendInternshipHandler implements ICommandHandler<ExtendInternshipCommand> {
  constructor(
    private readonly uow: CohortsUnitOfWork,
    private readonly lifecycle: EnrollmentLifecycle,
  ) {}

  async execute({ cohortId, internId, weeks, reason, actor }: ExtendInternshipCommand): Promise<EnrollmentSnapshot> {
    const cId = requiredId('cohortId', cohortId);
    const iId = requiredId('internId', internId);
    const input = validateExtensionInput({ weeks, reason });
    const extended = await this.uow.run(({ tx }) =>
      this.lifecycle.extend(tx, {
        cohortId: cId,
        internId: iId,
        weeks: input.weeks,
        reason: input.reason,
        source: 'PROGRAM_MANAGER',
        sourceRef: null,
        grantedBy: actor.sub,
      }),
    );
    return extended!;
  }
}
