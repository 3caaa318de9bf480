import { Command } from '@nestjs/cqrs';
import type { Identity } from '#platform';
import type { CohortSnapshot } from '../../domain/cohort.js';

export class CancelCohortCommand extends Command<CohortSnapshot> {
  constructor(
    readonly cohortId: string,
    readonly reason: string | null | undefined,
    readonly actor: Identity,
  ) {
    super();
  }
}
