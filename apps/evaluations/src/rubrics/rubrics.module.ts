import { Module } from '@nestjs/common';
import { ProgramModule } from '../program/program.module.js';
import { TailorRubricHandler } from './commands/tailor-rubric/tailor-rubric.handler.js';
import { TailorRubricResolver } from './commands/tailor-rubric/tailor-rubric.resolver.js';
import { RubricRepository } from './persistence/rubric.repository.js';
import { RubricsResolver } from './queries/rubrics/rubrics.resolver.js';
import { EvaluationsUnitOfWork } from '../evaluations/commands/unit-of-work.js';

/** Rubrics: the default program and presentation rubrics, tailorable per cohort before its first evaluation window. */
@Module({
  imports: [ProgramModule],
  providers: [RubricRepository, RubricsResolver, TailorRubricHandler, TailorRubricResolver, EvaluationsUnitOfWork],
  exports: [RubricRepository],
})
export class RubricsModule {}
