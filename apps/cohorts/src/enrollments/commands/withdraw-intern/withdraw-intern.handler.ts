import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { requiredId } from '#ddd';
import { validateReason, type EnrollmentSnapshot } from '../../domain/enrollment.js';
import { EnrollmentLifecycle } from '../enrollment-lifecycle.js';
import { CohortsUnitOfWork } from '../../../shared/commands/unit-of-work.js';
import { WithdrawInternCommand } from './withdraw-intern.command.js';

/**
 * Withdraws an intern from a cohort while their enrollment is ongoing (CONFLICT otherwise): the
 * enrollment is WITHDRAWN, their place and any presentation booking are freed, `InternWithdrawn`.
 * Bad input (ids, reason) is refused before any transaction or lock.
 */
@CommandHandler(WithdrawInternCommand)
export class WithdrawInternHandler implements ICommandHandler<WithdrawInternCommand> {
  constructor(
    private readonly uow: CohortsUnitOfWork,
    private readonly lifecycle: EnrollmentLifecycle,
  ) {}

  async execute({ cohortId, internId, reason, actor }: WithdrawInternCommand): Promise<EnrollmentSnapshot> {
    const cId = requiredId('cohortId', cohortId);
    const iId = requiredId('internId', internId);
    const why = validateReason(reason);
    return this.uow.run(({ tx }) => this.lifecycle.withdraw(tx, cId, iId, why, actor.sub));
  }
}
