import { Module } from '@nestjs/common';
import { AssignmentsModule } from '../assignments/assignments.module.js';
import { ProgramModule } from '../program/program.module.js';
import { CLOCK, systemClock } from '#ddd';
import { ApproveProjectScopeHandler } from './commands/approve-project-scope/approve-project-scope.handler.js';
import { ApproveProjectScopeResolver } from './commands/approve-project-scope/approve-project-scope.resolver.js';
import { DraftProjectScopeHandler } from './commands/draft-project-scope/draft-project-scope.handler.js';
import { DraftProjectScopeResolver } from './commands/draft-project-scope/draft-project-scope.resolver.js';
import { ProjectContextLoader, ProjectScopeChanges } from './commands/project-context.js';
import { ProjectsUnitOfWork } from './commands/unit-of-work.js';
import { RequestScopeChangesHandler } from './commands/request-scope-changes/request-scope-changes.handler.js';
import { RequestScopeChangesResolver } from './commands/request-scope-changes/request-scope-changes.resolver.js';
import { ReviewMilestoneReportHandler } from './commands/review-milestone-report/review-milestone-report.handler.js';
import { ReviewMilestoneReportResolver } from './commands/review-milestone-report/review-milestone-report.resolver.js';
import { SubmitMilestoneReportHandler } from './commands/submit-milestone-report/submit-milestone-report.handler.js';
import { SubmitMilestoneReportResolver } from './commands/submit-milestone-report/submit-milestone-report.resolver.js';
import { SubmitProjectScopeHandler } from './commands/submit-project-scope/submit-project-scope.handler.js';
import { SubmitProjectScopeResolver } from './commands/submit-project-scope/submit-project-scope.resolver.js';
import { DeadlineWatchConsumer } from './events/deadline-watch.consumer.js';
import { DeadlineNoticeRepository } from './persistence/deadline-notice.repository.js';
import { InternFieldsResolver } from './graphql/intern.resolver.js';
import { MilestoneFieldsResolver } from './graphql/milestone.resolver.js';
import { ProjectFieldsResolver } from './graphql/project.resolver.js';
import { ScopeVersionFieldsResolver } from './graphql/scope-version.resolver.js';
import { ScopingLoaders } from './graphql/scoping.loaders.js';
import { MilestoneReportRepository } from './persistence/milestone-report.repository.js';
import { ProjectReadRepository } from './persistence/project-read.repository.js';
import { ProjectRepository } from './persistence/project.repository.js';
import { DueSoonReminderRepository } from './persistence/due-soon-reminder.repository.js';
import { DueSoonReminders } from './reminders/due-soon-reminders.js';
import { GetProjectHandler } from './queries/get-project/get-project.handler.js';
import { ProjectQueryResolver } from './queries/get-project/get-project.resolver.js';

/**
 * Project scopes (versioned, approved by the primary mentor), milestones, milestone reports and
 * their reviews, and overdue detection from the cohort's clock. Needs the application's
 * DataSource, CqrsModule, MessagingModule (Outbox) and SubgraphModule.
 */
@Module({
  imports: [ProgramModule, AssignmentsModule],
  providers: [
    { provide: CLOCK, useValue: systemClock },
    ProjectRepository,
    MilestoneReportRepository,
    ProjectReadRepository,
    ProjectContextLoader,
    ProjectScopeChanges,
    ProjectsUnitOfWork,
    ScopingLoaders,
    // commands
    DraftProjectScopeHandler,
    SubmitProjectScopeHandler,
    RequestScopeChangesHandler,
    ApproveProjectScopeHandler,
    SubmitMilestoneReportHandler,
    ReviewMilestoneReportHandler,
    DraftProjectScopeResolver,
    SubmitProjectScopeResolver,
    RequestScopeChangesResolver,
    ApproveProjectScopeResolver,
    SubmitMilestoneReportResolver,
    ReviewMilestoneReportResolver,
    // queries, fields and federation references
    GetProjectHandler,
    ProjectQueryResolver,
    ProjectFieldsResolver,
    ScopeVersionFieldsResolver,
    MilestoneFieldsResolver,
    InternFieldsResolver,
    // deadlines from the cohort's clock
    DeadlineWatchConsumer,
    DeadlineNoticeRepository,
    // reminders two days before each deadline (the scheduler is DueSoonRemindersModule's)
    DueSoonReminders,
    DueSoonReminderRepository,
  ],
  exports: [DueSoonReminders],
})
export class ProjectsModule {}
