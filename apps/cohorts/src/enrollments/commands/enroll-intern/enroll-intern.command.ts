import { Command } from '@nestjs/cqrs';
import type { Identity } from '#platform';
import type { EnrollInternProps, EnrollmentSnapshot } from '../../domain/enrollment.js';

export class EnrollInternCommand extends Command<EnrollmentSnapshot> {
  constructor(
    readonly cohortId: string,
    readonly intern: EnrollInternProps,
    readonly actor: Identity,
  ) {
    super();
  }
}
