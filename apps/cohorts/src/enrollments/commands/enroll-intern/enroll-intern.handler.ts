import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { NotFoundError, requiredId } from '#ddd';
import { validateInternDetails, type EnrollmentSnapshot } from '../../domain/enrollment.js';
import { EnrollInternCommand } from './enroll-intern.command.js';
import { CohortsCommandHandler } from '../../../shared/commands/cohorts-command-handler.js';

/**
 * Enrolls an intern. The cohort row is locked for the transaction (SELECT … FOR UPDATE), so
 * concurrent enrollments into one cohort are serialized and never exceed its capacity; the
 * unique index on (cohort_id, intern_id) backs the one-enrollment-per-intern rule.
 */
@CommandHandler(EnrollInternCommand)
export class EnrollInternHandler extends CohortsCommandHandler implements ICommandHandler<EnrollInternCommand> {
  async execute({ cohortId, intern }: EnrollInternCommand): Promise<EnrollmentSnapshot> {
    // Bad input is refused before any lock is taken (Cohort.enroll checks it again).
    const id = requiredId('cohortId', cohortId);
    const { internId } = validateInternDetails(intern);
    return this.uow.run(async ({ tx, track }) => {
      const cohort = track(await this.cohorts.findById(tx, id, { forUpdate: true, interns: [internId] }));
      if (!cohort) throw new NotFoundError('Cohort', id);
      const now = this.clock.now();
      const enrollment = cohort.enroll(randomUUID(), intern, now);
      await this.cohorts.insertEnrollment(tx, enrollment);
      await this.cohorts.update(tx, cohort, now);
      return enrollment.toSnapshot();
    });
  }
}
