import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { pagedConnection, type Connection } from '#platform';
import type { CohortSnapshot } from '../../domain/cohort.js';
import { CohortReadRepository } from '../../persistence/cohort-read.repository.js';
import { ListCohortsQuery } from './list-cohorts.query.js';

/** Cohorts, newest start date first (then id, descending): a stable keyset order for the cursors. */
@QueryHandler(ListCohortsQuery)
export class ListCohortsHandler implements IQueryHandler<ListCohortsQuery> {
  constructor(private readonly read: CohortReadRepository) {}

  execute({ status, page }: ListCohortsQuery): Promise<Connection<CohortSnapshot>> {
    return pagedConnection(
      page,
      (request) => this.read.listCohorts({ status, ...request }),
      (c) => ({ sort: c.startDate, id: c.id }),
    );
  }
}
