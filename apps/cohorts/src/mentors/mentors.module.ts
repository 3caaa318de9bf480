import { Module } from '@nestjs/common';
import { RegisteredMentorProjection } from './events/registered-mentor.projection.js';
import { MentorAssignmentProjection } from './events/mentor-assignment.projection.js';

/** The mentors context's facts this service keeps: registered mentors and mentor assignments. */
@Module({
  providers: [RegisteredMentorProjection, MentorAssignmentProjection],
})
export class MentorsModule {}
