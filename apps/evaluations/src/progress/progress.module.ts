import { Module } from '@nestjs/common';
import { EvaluationsModule } from '../evaluations/evaluations.module.js';
import { ProgramModule } from '../program/program.module.js';
import { ProgressProjection } from './events/progress.projection.js';
import { InternProgressFieldResolver } from './graphql/intern-progress-field.resolver.js';
import { ProgressProjectionRepository } from './persistence/progress-projection.repository.js';
import { ProgressReadRepository } from './persistence/progress-read.repository.js';
import { ProgressProjector } from './projection/progress-projector.js';
import { InternProgressHandler } from './queries/intern-progress/intern-progress.handler.js';
import { InternProgressResolver } from './queries/intern-progress/intern-progress.resolver.js';

/** The intern progress and risk read model: built from the four contexts' events only, rebuildable from the topics. */
@Module({
  imports: [ProgramModule, EvaluationsModule],
  providers: [
    ProgressProjector,
    ProgressProjectionRepository,
    ProgressProjection,
    ProgressReadRepository,
    InternProgressHandler,
    InternProgressResolver,
    InternProgressFieldResolver,
  ],
  exports: [ProgressReadRepository],
})
export class ProgressModule {}
