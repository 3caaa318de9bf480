import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { CohortSnapshot } from '../../domain/cohort.js';
import { CohortReadRepository } from '../../persistence/cohort-read.repository.js';
import { GetCohortQuery } from './get-cohort.query.js';

@QueryHandler(GetCohortQuery)
export class GetCohortHandler implements IQueryHandler<GetCohortQuery> {
  constructor(private readonly read: CohortReadRepository) {}

  execute({ id }: GetCohortQuery): Promise<CohortSnapshot | null> {
    return this.read.findCohort(id);
  }
}
