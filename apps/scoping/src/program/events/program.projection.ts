import { Injectable } from '@nestjs/common';
import {
  CohortCompletedV1,
  CohortScheduledV1,
  CohortUpdatedV1,
  CohortWeekStartedV1,
  erasedValue,
  InternEnrolledV1,
  InternReinstatedV1,
  InternshipExtendedV1,
  InternshipExtensionRevokedV1,
  InternTerminatedV1,
  InternWithdrawnV1,
} from '#contracts';
import { on, projectEnrollment, type ConsumesEvents } from '#messaging';
import { PersonalDataErasureRepository } from '../../erasure/persistence/personal-data-erasure.repository.js';
import { ProgramProjectionRepository } from '../persistence/program-projection.repository.js';

/**
 * Keeps scoping's projections of the cohorts context: each cohort's calendar (start date, weeks,
 * timezone, replaced by CohortUpdated) and clock (its current week), each intern's cohort and status
 * (withdrawn, terminated, reinstated), and their extensions (granted, or replaced on revocation).
 * Runs inside the inbox transaction, so a redelivered event changes nothing; every write is also
 * idempotent on its own (the clock only moves forward, an extension is keyed by its running total).
 */
@Injectable()
export class ProgramProjection implements ConsumesEvents {
  readonly handlers = [
    on(CohortScheduledV1, (d, meta, tx) => this.program.cohortScheduled(tx, d, new Date(meta.time))),
    on(InternEnrolledV1, async (d, meta, tx) => {
      await projectEnrollment(tx, d, new Date(meta.time));
      // A replay from before the intern's erasure carries their name: it stays erased.
      await this.erasures.keepInternErased(tx, d.internId, erasedValue('intern', 'name', d.internId));
    }),
    on(CohortUpdatedV1, (d, meta, tx) => this.program.cohortUpdated(tx, d, new Date(meta.time))),
    on(CohortWeekStartedV1, (d, _meta, tx) => this.program.clockReached(tx, d.cohortId, d.week)),
    on(CohortCompletedV1, (d, _meta, tx) => this.program.clockReached(tx, d.cohortId, d.weeks + 1)),
    on(InternshipExtendedV1, (d, meta, tx) => this.program.extensionGranted(tx, d, new Date(meta.time))),
    on(InternshipExtensionRevokedV1, (d, meta, tx) => this.program.extensionsReplaced(tx, d, new Date(meta.time))),
    on(InternWithdrawnV1, (d, meta, tx) => this.program.internLeft(tx, d, 'WITHDRAWN', new Date(meta.time))),
    on(InternTerminatedV1, (d, meta, tx) => this.program.internLeft(tx, d, 'TERMINATED', new Date(meta.time))),
    on(InternReinstatedV1, (d, _meta, tx) => this.program.internReinstated(tx, d)),
  ];

  constructor(
    private readonly program: ProgramProjectionRepository,
    private readonly erasures: PersonalDataErasureRepository,
  ) {}
}
