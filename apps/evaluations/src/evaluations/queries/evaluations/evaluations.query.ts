import { Query } from '@nestjs/cqrs';
import type { EvaluationSnapshot } from '../../domain/evaluation.js';
import type { EvaluationCycle } from '../../domain/evaluation-window.js';

/** An intern's evaluations (every cohort), optionally of one cycle; visibility is applied by the resolver. */
export class EvaluationsQuery extends Query<EvaluationSnapshot[]> {
  constructor(
    readonly internId: string,
    readonly cycle: EvaluationCycle | null,
  ) {
    super();
  }
}
