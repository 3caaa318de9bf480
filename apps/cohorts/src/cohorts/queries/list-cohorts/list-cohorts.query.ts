import { Query } from '@nestjs/cqrs';
import type { Connection, PageArgs } from '#platform';
import type { CohortSnapshot, CohortStatus } from '../../domain/cohort.js';

export class ListCohortsQuery extends Query<Connection<CohortSnapshot>> {
  constructor(
    readonly status: CohortStatus | null | undefined,
    readonly page: PageArgs,
  ) {
    super();
  }
}
