import { Command } from '@nestjs/cqrs';
import type { PresentationScoreOrmEntity } from '../../persistence/presentation-score.orm-entity.js';
import type { CriterionScore } from '../../domain/presentation-scores.js';

/** A panel mentor scores (or re-scores) the final presentation given in a booked slot. */
export class ScorePresentationCommand extends Command<PresentationScoreOrmEntity> {
  constructor(
    readonly slotId: string,
    readonly scores: CriterionScore[],
    readonly comments: string | null | undefined,
    readonly mentorId: string,
  ) {
    super();
  }
}
