import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock, NotFoundError } from '#ddd';
import { assertIsTheIntern } from '../../domain/access.js';
import { checkReportInput, MilestoneReport, type ReportState } from '../../domain/milestone-report.js';
import { effectiveDueWeek } from '../../domain/project.js';
import { MilestoneReportRepository } from '../../persistence/milestone-report.repository.js';
import { ProjectRepository } from '../../persistence/project.repository.js';
import { assertOngoing, ProjectContextLoader } from '../project-context.js';
import { ProjectsUnitOfWork } from '../unit-of-work.js';
import { SubmitMilestoneReportCommand } from './submit-milestone-report.command.js';

/**
 * The intern reports on a milestone of the scope in force. The project row is locked, so two
 * reports on one milestone never race (the unique attempt number backs it). Late when the cohort's
 * clock has passed the end of the milestone's due week (the intern's own calendar).
 */
@CommandHandler(SubmitMilestoneReportCommand)
export class SubmitMilestoneReportHandler implements ICommandHandler<SubmitMilestoneReportCommand, ReportState> {
  constructor(
    private readonly uow: ProjectsUnitOfWork,
    private readonly projects: ProjectRepository,
    private readonly reports: MilestoneReportRepository,
    private readonly context: ProjectContextLoader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ milestoneId, report: input, caller }: SubmitMilestoneReportCommand): Promise<ReportState> {
    // Bad input is refused before any lock is taken; the metric names are checked against the
    // scope in force inside (MilestoneReport.submit checks the rest again).
    checkReportInput(input);
    return this.uow.run(async ({ tx, track }) => {
      const projectId = await this.projects.projectIdOfMilestone(tx, milestoneId);
      const project = projectId ? await this.projects.findById(tx, projectId, { forUpdate: true }) : null;
      if (!project) throw new NotFoundError('Milestone', milestoneId);
      const { program } = await this.context.visibleTo(tx, caller, project, { entity: 'Milestone', id: milestoneId });
      assertIsTheIntern(caller, project.internId, 'report on its milestones');
      assertOngoing(program);
      const inForce = project.inForce;
      const milestone = inForce?.milestones.find((m) => m.id === milestoneId);
      const report = track(
        MilestoneReport.submit(input, {
          id: randomUUID(),
          project: { id: project.id, internId: project.internId, cohortId: project.cohortId },
          inForce,
          milestoneId,
          previousReports: await this.reports.forMilestone(tx, milestoneId),
          dueWeek: milestone && inForce ? effectiveDueWeek(milestone, inForce, program.grants) : 0,
          currentWeek: program.cohort.currentWeek,
          actorId: caller.sub,
          now: this.clock.now(),
        }),
      );
      await this.reports.insert(tx, report);
      return report.snapshot();
    });
  }
}
