import { Module } from '@nestjs/common';
import { EvaluationsModule } from '../evaluations/evaluations.module.js';
import { PresentationsModule } from '../presentations/presentations.module.js';
import { ProgramModule } from '../program/program.module.js';
import { ProgressModule } from '../progress/progress.module.js';
import { RubricsModule } from '../rubrics/rubrics.module.js';
import { CohortReportHandler } from './queries/cohort-report/cohort-report.handler.js';
import { CohortReportResolver } from './queries/cohort-report/cohort-report.resolver.js';

/** The cohort report for program managers. */
@Module({
  imports: [ProgramModule, ProgressModule, EvaluationsModule, PresentationsModule, RubricsModule],
  providers: [CohortReportHandler, CohortReportResolver],
})
export class ReportsModule {}
