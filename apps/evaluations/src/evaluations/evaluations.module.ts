import { Module } from '@nestjs/common';
import { Access } from '../graphql/access.js';
import { ProgramModule } from '../program/program.module.js';
import { RubricsModule } from '../rubrics/rubrics.module.js';
import { EvaluationsUnitOfWork } from './commands/unit-of-work.js';
import { SubmitMentorEvaluationHandler } from './commands/submit-mentor-evaluation/submit-mentor-evaluation.handler.js';
import { SubmitMentorEvaluationResolver } from './commands/submit-mentor-evaluation/submit-mentor-evaluation.resolver.js';
import { SubmitSelfEvaluationHandler } from './commands/submit-self-evaluation/submit-self-evaluation.handler.js';
import { SubmitSelfEvaluationResolver } from './commands/submit-self-evaluation/submit-self-evaluation.resolver.js';
import { InternEvaluationsResolver } from './graphql/intern.resolver.js';
import { EvaluationRepository } from './persistence/evaluation.repository.js';
import { EvaluationWindowsHandler } from './queries/evaluation-windows/evaluation-windows.handler.js';
import { EvaluationsHandler } from './queries/evaluations/evaluations.handler.js';
import { EvaluationsResolver } from './queries/evaluations/evaluations.resolver.js';

/** Midpoint and final evaluations (mentor and self), their windows and decisions. */
@Module({
  imports: [ProgramModule, RubricsModule],
  providers: [
    Access,
    EvaluationRepository,
    EvaluationsUnitOfWork,
    SubmitMentorEvaluationHandler,
    SubmitMentorEvaluationResolver,
    SubmitSelfEvaluationHandler,
    SubmitSelfEvaluationResolver,
    EvaluationsHandler,
    EvaluationWindowsHandler,
    EvaluationsResolver,
    InternEvaluationsResolver,
  ],
  exports: [EvaluationRepository, EvaluationsUnitOfWork, Access],
})
export class EvaluationsModule {}
