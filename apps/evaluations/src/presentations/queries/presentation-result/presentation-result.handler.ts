import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { RubricRepository } from '../../../rubrics/persistence/rubric.repository.js';
import { summarizePresentation } from '../../domain/presentation-scores.js';
import type { PresentationResultType } from '../../graphql/presentation.type.js';
import { PresentationScoreRepository } from '../../persistence/presentation-score.repository.js';
import { PresentationResultQuery } from './presentation-result.query.js';

@QueryHandler(PresentationResultQuery)
export class PresentationResultHandler implements IQueryHandler<PresentationResultQuery> {
  constructor(
    private readonly scores: PresentationScoreRepository,
    private readonly rubrics: RubricRepository,
  ) {}

  async execute({ internId }: PresentationResultQuery): Promise<PresentationResultType> {
    const rows = await this.scores.forIntern(internId);
    const cohortId = rows.at(-1)?.cohortId;
    const current = rows.filter((r) => r.cohortId === cohortId);
    const { rubric } = await this.rubrics.effective(cohortId, 'PRESENTATION');
    return {
      internId,
      ...summarizePresentation(rubric, current),
      scores: current.map((r) => ({ ...r, scores: r.scores.map((s) => ({ ...s })) })),
    };
  }
}
