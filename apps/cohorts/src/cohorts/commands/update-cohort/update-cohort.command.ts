import { Command } from '@nestjs/cqrs';
import type { Identity } from '#platform';
import type { CohortSnapshot, UpdateCohortProps } from '../../domain/cohort.js';

export class UpdateCohortCommand extends Command<CohortSnapshot> {
  constructor(
    readonly cohortId: string,
    readonly input: UpdateCohortProps,
    readonly actor: Identity,
  ) {
    super();
  }
}
