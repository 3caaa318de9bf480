import { Query } from '@nestjs/cqrs';
import type { EvaluationWindowType } from '../../graphql/evaluation.type.js';

/** The evaluation windows of an intern's current (or latest) enrollment, with what was submitted in them. */
export class EvaluationWindowsQuery extends Query<EvaluationWindowType[]> {
  constructor(readonly internId: string) {
    super();
  }
}
