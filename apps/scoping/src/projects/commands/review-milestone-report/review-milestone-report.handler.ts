import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { NotFoundError } from '#ddd';
import { Outbox } from '#messaging';
import { CLOCK, type Clock } from '../../clock.js';
import { assertIsMentorOfIntern } from '../../domain/access.js';
import { validateReview, type ReportState } from '../../domain/milestone-report.js';
import { MilestoneReportRepository } from '../../persistence/milestone-report.repository.js';
import { ProjectRepository } from '../../persistence/project.repository.js';
import { toIntegrationEvents } from '../integration-events.js';
import { ProjectContextLoader } from '../project-context.js';
import { ReviewMilestoneReportCommand } from './review-milestone-report.command.js';

/** Any mentor of the intern reviews a SUBMITTED report: ACCEPTED, or REVISION_REQUESTED with feedback. */
@CommandHandler(ReviewMilestoneReportCommand)
export class ReviewMilestoneReportHandler implements ICommandHandler<ReviewMilestoneReportCommand, ReportState> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly projects: ProjectRepository,
    private readonly reports: MilestoneReportRepository,
    private readonly context: ProjectContextLoader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ reportId, decision, feedback, caller }: ReviewMilestoneReportCommand): Promise<ReportState> {
    // Bad input is refused before any lock is taken (MilestoneReport.review checks it again).
    validateReview(decision, feedback);
    return this.dataSource.transaction(async (tx) => {
      const report = await this.reports.findById(tx, reportId, { forUpdate: true });
      const project = report ? await this.projects.findById(tx, report.snapshot().projectId) : null;
      if (!report || !project) throw new NotFoundError('MilestoneReport', reportId);
      const { mentors } = await this.context.visibleTo(tx, caller, project, {
        entity: 'MilestoneReport',
        id: reportId,
      });
      assertIsMentorOfIntern(caller, mentors, 'review its milestone reports');
      report.review(decision, feedback, caller.sub, this.clock.now());
      await this.reports.update(tx, report);
      await this.outbox.append(tx, toIntegrationEvents(report.pullDomainEvents()));
      return report.snapshot();
    });
  }
}
