import { Command } from '@nestjs/cqrs';
import type { Identity } from '#platform';
import type { ReportInput, ReportState } from '../../domain/milestone-report.js';

export class SubmitMilestoneReportCommand extends Command<ReportState> {
  constructor(
    readonly milestoneId: string,
    readonly report: ReportInput,
    readonly caller: Identity,
  ) {
    super();
  }
}
