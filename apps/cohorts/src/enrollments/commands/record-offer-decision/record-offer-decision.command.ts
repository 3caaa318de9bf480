import { Command } from '@nestjs/cqrs';
import type { Identity } from '#platform';
import type { EnrollmentSnapshot } from '../../domain/enrollment.js';

export class RecordOfferDecisionCommand extends Command<EnrollmentSnapshot> {
  constructor(
    readonly cohortId: string,
    readonly internId: string,
    readonly status: string,
    readonly actor: Identity,
  ) {
    super();
  }
}
