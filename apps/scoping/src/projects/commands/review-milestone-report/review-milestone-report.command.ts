import { Command } from '@nestjs/cqrs';
import type { Identity } from '#platform';
import type { ReportState, ReviewDecision } from '../../domain/milestone-report.js';

export class ReviewMilestoneReportCommand extends Command<ReportState> {
  constructor(
    readonly reportId: string,
    readonly decision: ReviewDecision,
    readonly feedback: string | null | undefined,
    readonly caller: Identity,
  ) {
    super();
  }
}
