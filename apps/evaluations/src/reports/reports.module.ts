import { Module } from '@nestjs/common';
import { EvaluationsModule } from '../evaluations/evaluations.module.js';
import { PresentationsModule } from '../presentations/presentations.module.js';
import { ProgramModule } from '../program/program.module.js';
import { ProgressModule } from '../progress/progress.module.js';
import { RubricsModule } from '../rubrics/rubrics.module.js';
import { CohortReportHandler } from './queries/cohort-report/cohort-report.handler.js';
import { CohortReportResolver } from './queries/cohort-report/cohort-report.resolver.js';
import { FeedbackModule } from '../feedback/feedback.module.js';
import { ReturnOffersProjection } from './events/return-offers.projection.js';
import { ReturnOffersRepository } from './persistence/return-offers.repository.js';
import { ProgramReportHandler } from './queries/program-report/program-report.handler.js';
import { ProgramReportResolver } from './queries/program-report/program-report.resolver.js';

/** The cohort and program reports for program managers, and the return offers they count. */
@Module({
  imports: [ProgramModule, ProgressModule, EvaluationsModule, PresentationsModule, RubricsModule, FeedbackModule],
  providers: [
    CohortReportHandler,
    CohortReportResolver,
    ReturnOffersRepository,
    ReturnOffersProjection,
    ProgramReportHandler,
    ProgramReportResolver,
  ],
})
export class ReportsModule {}
