import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EvaluationSnapshot } from '../../domain/evaluation.js';
import { EvaluationRepository } from '../../persistence/evaluation.repository.js';
import { EvaluationsQuery } from './evaluations.query.js';

@QueryHandler(EvaluationsQuery)
export class EvaluationsHandler implements IQueryHandler<EvaluationsQuery> {
  constructor(private readonly evaluations: EvaluationRepository) {}

  execute({ internId, cycle }: EvaluationsQuery): Promise<EvaluationSnapshot[]> {
    return this.evaluations.forInterns([internId], cycle);
  }
}
