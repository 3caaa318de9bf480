import { Query } from '@nestjs/cqrs';
import type { ProgramReportRow } from '../../domain/program-report.js';

export class ProgramReportQuery extends Query<ProgramReportRow[]> {
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super();
  }
}
