import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { NotFoundError, requiredId } from '#ddd';
import { validateReason, type EnrollmentSnapshot } from '../../domain/enrollment.js';
import { CohortsCommandHandler } from '../../../shared/commands/cohorts-command-handler.js';
import { ReinstateInternCommand } from './reinstate-intern.command.js';

/**
 * A program manager reinstates a WITHDRAWN intern of a cohort IN_PROGRESS (CONFLICT otherwise,
 * and when the cohort is full): the enrollment is ACTIVE again with its extensions (and so its
 * calendar) as before, takes a place, and `InternReinstated` is published. The clock keeps the
 * weeks the intern's extensions need. Bad input (ids, reason) is refused before any transaction.
 * Lock order: cohort, enrollment.
 */
@CommandHandler(ReinstateInternCommand)
export class ReinstateInternHandler extends CohortsCommandHandler implements ICommandHandler<ReinstateInternCommand> {
  async execute({ cohortId, internId, reason, actor }: ReinstateInternCommand): Promise<EnrollmentSnapshot> {
    const cId = requiredId('cohortId', cohortId);
    const iId = requiredId('internId', internId);
    const why = validateReason(reason);
    return this.uow.run(async ({ tx, track }) => {
      const cohort = track(await this.cohorts.findById(tx, cId, { forUpdate: true }));
      if (!cohort) throw new NotFoundError('Cohort', cId);
      const enrollment = track(await this.enrollments.find(tx, cId, iId, { forUpdate: true }));
      if (!enrollment) throw new NotFoundError('Enrollment', `of intern ${iId} in cohort ${cId}`);
      const now = this.clock.now();
      cohort.reinstate(enrollment, why, actor.sub);
      await this.enrollments.update(tx, enrollment);
      await this.cohorts.update(tx, cohort, now);
      if (enrollment.extensionWeeks > 0) {
        await this.cohorts.scheduleExtendedWeeks(tx, cohort.toSnapshot(), enrollment.extensionWeeks);
      }
      return enrollment.toSnapshot();
    });
  }
}
