import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { TokenVerifier } from '#auth';
import { resolveAuthSettings } from '#platform';
import type { CohortsConfig } from '../config.js';
import { CalendarAssembler } from './calendar-export/calendar-assembler.js';
import { CalendarExportController } from './calendar-export/calendar-export.controller.js';
import { CalendarFeedController } from './calendar-export/calendar-feed.controller.js';
import { CalendarRenderer } from './calendar-export/calendar-renderer.js';
import { ClockScheduler } from './clock/clock-scheduler.js';
import { ProgramClock } from './clock/program-clock.js';
import { CLOCK, systemClock, type Clock } from '#ddd';
import { CohortsUnitOfWork } from './commands/unit-of-work.js';
import { AdvanceCohortClockHandler } from './commands/advance-cohort-clock/advance-cohort-clock.handler.js';
import { AdvanceCohortClockResolver } from './commands/advance-cohort-clock/advance-cohort-clock.resolver.js';
import { BookPresentationSlotHandler } from './commands/book-presentation-slot/book-presentation-slot.handler.js';
import { BookPresentationSlotResolver } from './commands/book-presentation-slot/book-presentation-slot.resolver.js';
import { CancelCohortHandler } from './commands/cancel-cohort/cancel-cohort.handler.js';
import { CancelCohortResolver } from './commands/cancel-cohort/cancel-cohort.resolver.js';
import { CancelPresentationBookingHandler } from './commands/cancel-presentation-booking/cancel-presentation-booking.handler.js';
import { CancelPresentationBookingResolver } from './commands/cancel-presentation-booking/cancel-presentation-booking.resolver.js';
import { CreateCalendarFeedHandler } from './commands/create-calendar-feed/create-calendar-feed.handler.js';
import { CreateCalendarFeedResolver } from './commands/create-calendar-feed/create-calendar-feed.resolver.js';
import { CompleteOnboardingTaskHandler } from './commands/complete-onboarding-task/complete-onboarding-task.handler.js';
import { CompleteOnboardingTaskResolver } from './commands/complete-onboarding-task/complete-onboarding-task.resolver.js';
import { EnrollInternHandler } from './commands/enroll-intern/enroll-intern.handler.js';
import { EnrollInternResolver } from './commands/enroll-intern/enroll-intern.resolver.js';
import { EnrollmentLifecycle } from './commands/enrollment-lifecycle.js';
import { ExtendInternshipHandler } from './commands/extend-internship/extend-internship.handler.js';
import { ExtendInternshipResolver } from './commands/extend-internship/extend-internship.resolver.js';
import { OpenPresentationSlotsHandler } from './commands/open-presentation-slots/open-presentation-slots.handler.js';
import { OpenPresentationSlotsResolver } from './commands/open-presentation-slots/open-presentation-slots.resolver.js';
import { RecordTalkAttendanceHandler } from './commands/record-talk-attendance/record-talk-attendance.handler.js';
import { RecordTalkAttendanceResolver } from './commands/record-talk-attendance/record-talk-attendance.resolver.js';
import { RevokeCalendarFeedHandler } from './commands/revoke-calendar-feed/revoke-calendar-feed.handler.js';
import { RevokeCalendarFeedResolver } from './commands/revoke-calendar-feed/revoke-calendar-feed.resolver.js';
import { RsvpTechTalkHandler } from './commands/rsvp-tech-talk/rsvp-tech-talk.handler.js';
import { RsvpTechTalkResolver } from './commands/rsvp-tech-talk/rsvp-tech-talk.resolver.js';
import { ScheduleCohortHandler } from './commands/schedule-cohort/schedule-cohort.handler.js';
import { ScheduleCohortResolver } from './commands/schedule-cohort/schedule-cohort.resolver.js';
import { ScheduleTechTalkHandler } from './commands/schedule-tech-talk/schedule-tech-talk.handler.js';
import { ScheduleTechTalkResolver } from './commands/schedule-tech-talk/schedule-tech-talk.resolver.js';
import { SetOnboardingChecklistHandler } from './commands/set-onboarding-checklist/set-onboarding-checklist.handler.js';
import { SetOnboardingChecklistResolver } from './commands/set-onboarding-checklist/set-onboarding-checklist.resolver.js';
import { WithdrawInternHandler } from './commands/withdraw-intern/withdraw-intern.handler.js';
import { WithdrawInternResolver } from './commands/withdraw-intern/withdraw-intern.resolver.js';
import { EvaluationDecisionsConsumer } from './events/evaluation-decisions.consumer.js';
import { MentorAssignmentProjection } from './events/mentor-assignment.projection.js';
import { RegisteredMentorProjection } from './events/registered-mentor.projection.js';
import { CohortCalendarFieldsResolver } from './graphql/cohort-calendar.resolver.js';
import { CohortLoaders } from './graphql/cohort-loaders.js';
import { CohortFieldsResolver } from './graphql/cohort.resolver.js';
import { EnrollmentFieldsResolver } from './graphql/enrollment.resolver.js';
import { InternFieldsResolver } from './graphql/intern.resolver.js';
import { MeFieldsResolver } from './graphql/me.resolver.js';
import { PresentationSlotFieldsResolver } from './graphql/presentation-slot.resolver.js';
import { ProgramLoaders } from './graphql/program-loaders.js';
import { TechTalkFieldsResolver } from './graphql/tech-talk.resolver.js';
import { CalendarFeedRepository } from './persistence/calendar-feed.repository.js';
import { CalendarScopeRepository } from './persistence/calendar-scope.repository.js';
import { CohortReadRepository } from './persistence/cohort-read.repository.js';
import { CohortRepository } from './persistence/cohort.repository.js';
import { EnrollmentRepository } from './persistence/enrollment.repository.js';
import { MentorAssignmentRepository } from './persistence/mentor-assignment.repository.js';
import { PresentationSlotRepository } from './persistence/presentation-slot.repository.js';
import { ProgramReadRepository } from './persistence/program-read.repository.js';
import { RegisteredMentorRepository } from './persistence/registered-mentor.repository.js';
import { TechTalkRepository } from './persistence/tech-talk.repository.js';
import { CalendarFeedsQueryResolver } from './queries/list-calendar-feeds/calendar-feeds.resolver.js';
import { ListCalendarFeedsHandler } from './queries/list-calendar-feeds/list-calendar-feeds.handler.js';
import { GetCohortHandler } from './queries/get-cohort/get-cohort.handler.js';
import { CohortQueryResolver } from './queries/get-cohort/cohort.resolver.js';
import { GetInternHandler } from './queries/get-intern/get-intern.handler.js';
import { InternQueryResolver } from './queries/get-intern/intern.resolver.js';
import { ListCohortsHandler } from './queries/list-cohorts/list-cohorts.handler.js';
import { CohortsQueryResolver } from './queries/list-cohorts/cohorts.resolver.js';
import { MeQueryResolver } from './queries/me/me.resolver.js';
import { COHORTS_CONFIG, COHORTS_LOGGER } from './tokens.js';

export { COHORTS_CONFIG, COHORTS_LOGGER } from './tokens.js';

export interface CohortsModuleOptions {
  /** The time source (default: the system clock); tests move it. */
  clock?: Clock;
}

/**
 * The cohorts bounded context: cohorts and their durable program clock, calendars, enrollments
 * with onboarding, extensions and their ends, tech talks, final presentations and the iCalendar
 * export. Needs the application's TypeORM DataSource, CqrsModule, MessagingModule (Outbox) and
 * SubgraphModule.
 */
@Module({})
export class CohortsModule {
  static forRoot(config: CohortsConfig, logger: Logger, options: CohortsModuleOptions = {}): DynamicModule {
    return {
      module: CohortsModule,
      controllers: [CalendarExportController, CalendarFeedController],
      providers: [
        { provide: COHORTS_CONFIG, useValue: config },
        { provide: COHORTS_LOGGER, useValue: logger.child({ component: 'cohorts' }) },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: TokenVerifier, useFactory: () => new TokenVerifier(resolveAuthSettings(config)) },
        // persistence
        CohortRepository,
        EnrollmentRepository,
        TechTalkRepository,
        PresentationSlotRepository,
        RegisteredMentorRepository,
        MentorAssignmentRepository,
        CohortReadRepository,
        ProgramReadRepository,
        CalendarFeedRepository,
        CalendarScopeRepository,
        // the program clock
        ProgramClock,
        ClockScheduler,
        // commands
        CohortsUnitOfWork,
        EnrollmentLifecycle,
        ScheduleCohortHandler,
        CancelCohortHandler,
        EnrollInternHandler,
        AdvanceCohortClockHandler,
        SetOnboardingChecklistHandler,
        CompleteOnboardingTaskHandler,
        ScheduleTechTalkHandler,
        RsvpTechTalkHandler,
        RecordTalkAttendanceHandler,
        OpenPresentationSlotsHandler,
        BookPresentationSlotHandler,
        CancelPresentationBookingHandler,
        WithdrawInternHandler,
        ExtendInternshipHandler,
        ScheduleCohortResolver,
        CancelCohortResolver,
        EnrollInternResolver,
        AdvanceCohortClockResolver,
        SetOnboardingChecklistResolver,
        CompleteOnboardingTaskResolver,
        ScheduleTechTalkResolver,
        RsvpTechTalkResolver,
        RecordTalkAttendanceResolver,
        OpenPresentationSlotsResolver,
        BookPresentationSlotResolver,
        CancelPresentationBookingResolver,
        WithdrawInternResolver,
        ExtendInternshipResolver,
        // calendar feeds
        CreateCalendarFeedHandler,
        RevokeCalendarFeedHandler,
        CreateCalendarFeedResolver,
        RevokeCalendarFeedResolver,
        ListCalendarFeedsHandler,
        CalendarFeedsQueryResolver,
        CalendarAssembler,
        CalendarRenderer,
        // integration events of other contexts
        RegisteredMentorProjection,
        MentorAssignmentProjection,
        EvaluationDecisionsConsumer,
        // queries
        ListCohortsHandler,
        GetCohortHandler,
        GetInternHandler,
        CohortsQueryResolver,
        CohortQueryResolver,
        InternQueryResolver,
        MeQueryResolver,
        // fields and federation references
        CohortLoaders,
        ProgramLoaders,
        CohortFieldsResolver,
        CohortCalendarFieldsResolver,
        EnrollmentFieldsResolver,
        InternFieldsResolver,
        MeFieldsResolver,
        TechTalkFieldsResolver,
        PresentationSlotFieldsResolver,
      ],
      exports: [CLOCK, CohortRepository, CohortReadRepository, ProgramClock],
    };
  }
}
