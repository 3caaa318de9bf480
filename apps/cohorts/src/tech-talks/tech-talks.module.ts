import { Module } from '@nestjs/common';
import { ScheduleTechTalkHandler } from './commands/schedule-tech-talk/schedule-tech-talk.handler.js';
import { ScheduleTechTalkResolver } from './commands/schedule-tech-talk/schedule-tech-talk.resolver.js';
import { RsvpTechTalkHandler } from './commands/rsvp-tech-talk/rsvp-tech-talk.handler.js';
import { RsvpTechTalkResolver } from './commands/rsvp-tech-talk/rsvp-tech-talk.resolver.js';
import { RecordTalkAttendanceHandler } from './commands/record-talk-attendance/record-talk-attendance.handler.js';
import { RecordTalkAttendanceResolver } from './commands/record-talk-attendance/record-talk-attendance.resolver.js';
import { RescheduleTechTalkHandler } from './commands/reschedule-tech-talk/reschedule-tech-talk.handler.js';
import { RescheduleTechTalkResolver } from './commands/reschedule-tech-talk/reschedule-tech-talk.resolver.js';
import { CancelTechTalkHandler } from './commands/cancel-tech-talk/cancel-tech-talk.handler.js';
import { CancelTechTalkResolver } from './commands/cancel-tech-talk/cancel-tech-talk.resolver.js';
import { TechTalkFieldsResolver } from './graphql/tech-talk.resolver.js';

/** Tech talks: scheduling, moving and cancelling them, RSVPs and attendance, TechTalk's fields. */
@Module({
  providers: [
    ScheduleTechTalkHandler,
    ScheduleTechTalkResolver,
    RsvpTechTalkHandler,
    RsvpTechTalkResolver,
    RecordTalkAttendanceHandler,
    RecordTalkAttendanceResolver,
    RescheduleTechTalkHandler,
    RescheduleTechTalkResolver,
    CancelTechTalkHandler,
    CancelTechTalkResolver,
    TechTalkFieldsResolver,
  ],
})
export class TechTalksModule {}
