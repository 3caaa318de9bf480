import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { grantsOf, ProgramRepository } from '../../../program/persistence/program.repository.js';
import { evaluationWindows } from '../../domain/evaluation-window.js';
import { windowView, type EvaluationWindowType } from '../../graphql/evaluation.type.js';
import { EvaluationRepository } from '../../persistence/evaluation.repository.js';
import { EvaluationWindowsQuery } from './evaluation-windows.query.js';

@QueryHandler(EvaluationWindowsQuery)
export class EvaluationWindowsHandler implements IQueryHandler<EvaluationWindowsQuery> {
  constructor(
    private readonly program: ProgramRepository,
    private readonly evaluations: EvaluationRepository,
  ) {}

  async execute({ internId }: EvaluationWindowsQuery): Promise<EvaluationWindowType[]> {
    const intern = await this.program.currentEnrollment(internId);
    if (!intern) return [];
    const clock = await this.program.clock(intern.cohortId);
    if (!clock) return [];
    const submitted = (await this.evaluations.forInterns([internId])).filter((e) => e.cohortId === intern.cohortId);
    return evaluationWindows(clock, grantsOf(intern)).map((w) => windowView(w, submitted));
  }
}
