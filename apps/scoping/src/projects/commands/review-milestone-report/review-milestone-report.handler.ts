import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock, NotFoundError } from '#ddd';
import { assertIsMentorOfIntern } from '../../domain/access.js';
import { validateReview, type ReportState } from '../../domain/milestone-report.js';
import { MilestoneReportRepository } from '../../persistence/milestone-report.repository.js';
import { ProjectRepository } from '../../persistence/project.repository.js';
import { ProjectContextLoader } from '../project-context.js';
import { ProjectsUnitOfWork } from '../unit-of-work.js';
import { ReviewMilestoneReportCommand } from './review-milestone-report.command.js';

/** Any mentor of the intern reviews a SUBMITTED report: ACCEPTED, or REVISION_REQUESTED with feedback. */
@CommandHandler(ReviewMilestoneReportCommand)
export class ReviewMilestoneReportHandler implements ICommandHandler<ReviewMilestoneReportCommand, ReportState> {
  constructor(
    private readonly uow: ProjectsUnitOfWork,
    private readonly projects: ProjectRepository,
    private readonly reports: MilestoneReportRepository,
    private readonly context: ProjectContextLoader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ reportId, decision, feedback, caller }: ReviewMilestoneReportCommand): Promise<ReportState> {
    // Bad input is refused before any lock is taken (MilestoneReport.review checks it again).
    validateReview(decision, feedback);
    return this.uow.run(async ({ tx, track }) => {
      const report = track(await this.reports.findById(tx, reportId, { forUpdate: true }));
      const project = report ? await this.projects.findById(tx, report.snapshot().projectId) : null;
      if (!report || !project) throw new NotFoundError('MilestoneReport', reportId);
      const { mentors } = await this.context.visibleTo(tx, caller, project, {
        entity: 'MilestoneReport',
        id: reportId,
      });
      assertIsMentorOfIntern(caller, mentors, 'review its milestone reports');
      report.review(decision, feedback, caller.sub, this.clock.now());
      await this.reports.update(tx, report);
      return report.snapshot();
    });
  }
}
