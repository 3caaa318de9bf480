import { Query } from '@nestjs/cqrs';
import type { CohortSnapshot } from '../../domain/cohort.js';

export class GetCohortQuery extends Query<CohortSnapshot | null> {
  constructor(readonly id: string) {
    super();
  }
}
