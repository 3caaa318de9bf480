import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { NotFoundError, ValidationError } from '#ddd';
import { Outbox } from '#messaging';
import { CLOCK, type Clock } from '../../clock.js';
import { validateInternDetails, type EnrollmentSnapshot } from '../../domain/enrollment.js';
import { CohortRepository } from '../../persistence/cohort.repository.js';
import { toIntegrationEvents } from '../integration-events.js';
import { EnrollInternCommand } from './enroll-intern.command.js';

/**
 * Enrolls an intern. The cohort row is locked for the transaction (SELECT … FOR UPDATE), so
 * concurrent enrollments into one cohort are serialized and never exceed its capacity; the
 * unique index on (cohort_id, intern_id) backs the one-enrollment-per-intern rule.
 */
@CommandHandler(EnrollInternCommand)
export class EnrollInternHandler implements ICommandHandler<EnrollInternCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly cohorts: CohortRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ cohortId, intern }: EnrollInternCommand): Promise<EnrollmentSnapshot> {
    // Bad input is refused before any lock is taken (Cohort.enroll checks it again).
    if (typeof cohortId !== 'string' || !cohortId.trim()) throw ValidationError.field('cohortId', 'is required');
    const { internId } = validateInternDetails(intern);
    return this.dataSource.transaction(async (tx) => {
      const cohort = await this.cohorts.findById(tx, cohortId.trim(), { forUpdate: true, interns: [internId] });
      if (!cohort) throw new NotFoundError('Cohort', cohortId);
      const now = this.clock.now();
      const enrollment = cohort.enroll(randomUUID(), intern, now);
      await this.cohorts.insertEnrollment(tx, enrollment);
      await this.cohorts.update(tx, cohort, now);
      await this.outbox.append(tx, toIntegrationEvents(cohort.pullDomainEvents()));
      return enrollment.toSnapshot();
    });
  }
}
