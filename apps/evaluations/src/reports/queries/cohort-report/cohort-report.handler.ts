import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { NotFoundError, requiredId } from '#ddd';
import { EvaluationRepository } from '../../../evaluations/persistence/evaluation.repository.js';
import { PresentationScoreRepository } from '../../../presentations/persistence/presentation-score.repository.js';
import { ProgramRepository } from '../../../program/persistence/program.repository.js';
import { ProgressReadRepository } from '../../../progress/persistence/progress-read.repository.js';
import { RubricRepository } from '../../../rubrics/persistence/rubric.repository.js';
import { cohortReport, type CohortReport } from '../../domain/cohort-report.js';
import { ReturnOffersRepository } from '../../persistence/return-offers.repository.js';
import { CohortReportQuery } from './cohort-report.query.js';

@QueryHandler(CohortReportQuery)
export class CohortReportHandler implements IQueryHandler<CohortReportQuery> {
  constructor(
    private readonly program: ProgramRepository,
    private readonly progress: ProgressReadRepository,
    private readonly evaluations: EvaluationRepository,
    private readonly presentations: PresentationScoreRepository,
    private readonly rubrics: RubricRepository,
    private readonly offers: ReturnOffersRepository,
  ) {}

  async execute(query: CohortReportQuery): Promise<CohortReport> {
    const cohortId = requiredId('cohortId', query.cohortId);
    const [clock, progress, evaluations, scores, program, presentation, offers] = await Promise.all([
      this.program.clock(cohortId),
      this.progress.forCohort(cohortId),
      this.evaluations.forCohort(cohortId),
      this.presentations.forCohort(cohortId),
      this.rubrics.effective(cohortId, 'PROGRAM'),
      this.rubrics.effective(cohortId, 'PRESENTATION'),
      this.offers.ofCohorts([cohortId]),
    ]);
    if (!clock && progress.length === 0) throw new NotFoundError('Cohort', cohortId);
    const report = cohortReport({
      cohortId,
      programRubric: program.rubric,
      presentationRubric: presentation.rubric,
      progress,
      evaluations,
      presentationScores: scores,
      offers,
    });
    return {
      ...report,
      cohortName: report.cohortName ?? clock?.name ?? null,
      currentWeek: Math.max(report.currentWeek, clock?.currentWeek ?? 0),
    };
  }
}
