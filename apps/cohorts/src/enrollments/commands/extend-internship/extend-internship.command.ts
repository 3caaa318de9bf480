import { Command } from '@nestjs/cqrs';
import type { Identity } from '#platform';
import type { EnrollmentSnapshot } from '../../domain/enrollment.js';

export class ExtendInternshipCommand extends Command<EnrollmentSnapshot> {
  constructor(
    readonly cohortId: string,
    readonly internId: string,
    readonly weeks: number,
    readonly reason: string,
    readonly actor: Identity,
  ) {
    super();
  }
}
