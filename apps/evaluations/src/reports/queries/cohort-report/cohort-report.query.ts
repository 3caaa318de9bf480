import { Query } from '@nestjs/cqrs';
import type { CohortReport } from '../../domain/cohort-report.js';

export class CohortReportQuery extends Query<CohortReport> {
  constructor(readonly cohortId: string) {
    super();
  }
}
