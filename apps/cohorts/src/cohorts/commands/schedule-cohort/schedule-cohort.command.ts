import { Command } from '@nestjs/cqrs';
import type { Identity } from '#platform';
import type { CohortSnapshot, ScheduleCohortProps } from '../../domain/cohort.js';

export class ScheduleCohortCommand extends Command<CohortSnapshot> {
  constructor(
    readonly input: ScheduleCohortProps,
    readonly actor: Identity,
  ) {
    super();
  }
}
