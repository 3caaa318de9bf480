import { Module } from '@nestjs/common';
import { CreateCalendarFeedHandler } from './commands/create-calendar-feed/create-calendar-feed.handler.js';
import { CreateCalendarFeedResolver } from './commands/create-calendar-feed/create-calendar-feed.resolver.js';
import { RevokeCalendarFeedHandler } from './commands/revoke-calendar-feed/revoke-calendar-feed.handler.js';
import { RevokeCalendarFeedResolver } from './commands/revoke-calendar-feed/revoke-calendar-feed.resolver.js';
import { CalendarAssembler } from './export/calendar-assembler.js';
import { CalendarExportController } from './export/calendar-export.controller.js';
import { CalendarFeedController } from './export/calendar-feed.controller.js';
import { CalendarRenderer } from './export/calendar-renderer.js';
import { MilestoneProjection } from './events/milestone.projection.js';
import { InternMilestoneRepository } from './persistence/intern-milestone.repository.js';
import { CalendarFeedsQueryResolver } from './queries/list-calendar-feeds/calendar-feeds.resolver.js';
import { ListCalendarFeedsHandler } from './queries/list-calendar-feeds/list-calendar-feeds.handler.js';

/**
 * Calendar feeds and the iCalendar export: creating and revoking feeds, listing them, the .ics
 * routes, and the projection of interns' approved milestones they show.
 */
@Module({
  controllers: [CalendarExportController, CalendarFeedController],
  providers: [
    CreateCalendarFeedHandler,
    CreateCalendarFeedResolver,
    RevokeCalendarFeedHandler,
    RevokeCalendarFeedResolver,
    ListCalendarFeedsHandler,
    CalendarFeedsQueryResolver,
    CalendarAssembler,
    CalendarRenderer,
    InternMilestoneRepository,
    MilestoneProjection,
  ],
})
export class CalendarFeedsModule {}
