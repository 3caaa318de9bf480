import { Module } from '@nestjs/common';
import { EvaluationsModule } from '../evaluations/evaluations.module.js';
import { ProgramModule } from '../program/program.module.js';
import { RubricsModule } from '../rubrics/rubrics.module.js';
import { ScorePresentationHandler } from './commands/score-presentation/score-presentation.handler.js';
import { ScorePresentationResolver } from './commands/score-presentation/score-presentation.resolver.js';
import { InternPresentationResolver } from './graphql/intern-presentation.resolver.js';
import { PresentationScoreRepository } from './persistence/presentation-score.repository.js';
import { PresentationResultHandler } from './queries/presentation-result/presentation-result.handler.js';

/** Final-presentation scores by the panel of the booked slot, averaged per intern and per criterion. */
@Module({
  imports: [ProgramModule, RubricsModule, EvaluationsModule],
  providers: [
    PresentationScoreRepository,
    ScorePresentationHandler,
    ScorePresentationResolver,
    PresentationResultHandler,
    InternPresentationResolver,
  ],
  exports: [PresentationScoreRepository],
})
export class PresentationsModule {}
