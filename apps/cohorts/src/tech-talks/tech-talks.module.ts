import { Module } from '@nestjs/common';
import { ScheduleTechTalkHandler } from './commands/schedule-tech-talk/schedule-tech-talk.handler.js';
import { ScheduleTechTalkResolver } from './commands/schedule-tech-talk/schedule-tech-talk.resolver.js';
import { RsvpTechTalkHandler } from './commands/rsvp-tech-talk/rsvp-tech-talk.handler.js';
import { RsvpTechTalkResolver } from './commands/rsvp-tech-talk/rsvp-tech-talk.resolver.js';
import { RecordTalkAttendanceHandler } from './commands/record-talk-attendance/record-talk-attendance.handler.js';
import { RecordTalkAttendanceResolver } from './commands/record-talk-attendance/record-talk-attendance.resolver.js';
import { TechTalkFieldsResolver } from './graphql/tech-talk.resolver.js';

/** Tech talks: scheduling them, RSVPs and attendance, TechTalk's fields. */
@Module({
  providers: [
    ScheduleTechTalkHandler,
    ScheduleTechTalkResolver,
    RsvpTechTalkHandler,
    RsvpTechTalkResolver,
    RecordTalkAttendanceHandler,
    RecordTalkAttendanceResolver,
    TechTalkFieldsResolver,
  ],
})
export class TechTalksModule {}
