import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { pageRequest, toConnection, type Connection } from '#platform';
import type { CohortSnapshot } from '../../domain/cohort.js';
import { CohortReadRepository } from '../../persistence/cohort-read.repository.js';
import { ListCohortsQuery } from './list-cohorts.query.js';

/** Cohorts, newest start date first (then id, descending): a stable keyset order for the cursors. */
@QueryHandler(ListCohortsQuery)
export class ListCohortsHandler implements IQueryHandler<ListCohortsQuery> {
  constructor(private readonly read: CohortReadRepository) {}

  async execute({ status, page }: ListCohortsQuery): Promise<Connection<CohortSnapshot>> {
    const { limit, after } = pageRequest(page);
    const { rows, totalCount } = await this.read.listCohorts({ status, limit, after });
    return toConnection(
      rows,
      limit,
      totalCount,
      (c) => ({ sort: c.startDate, id: c.id }),
      (c) => c,
      !!after,
    );
  }
}
