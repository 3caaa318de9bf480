import { Command } from '@nestjs/cqrs';
import type { Identity } from '#platform';
import type { CohortSnapshot } from '../../../cohorts/domain/cohort.js';

export class AdvanceCohortClockCommand extends Command<CohortSnapshot> {
  constructor(
    readonly cohortId: string,
    readonly toWeek: number,
    readonly actor: Identity,
  ) {
    super();
  }
}
