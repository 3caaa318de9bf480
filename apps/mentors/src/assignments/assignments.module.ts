import { Module } from '@nestjs/common';
import { StoreModule } from '../store.module.js';
import { AssignMentorHandler } from './commands/assign-mentor/assign-mentor.handler.js';
import { AssignMentorResolver } from './commands/assign-mentor/assign-mentor.resolver.js';
import { UnassignMentorHandler } from './commands/unassign-mentor/unassign-mentor.handler.js';
import { UnassignMentorResolver } from './commands/unassign-mentor/unassign-mentor.resolver.js';
import { InternAssignmentsResolver } from './graphql/intern-assignments.resolver.js';
import { MentorAssignmentResolver } from './graphql/mentor-assignment.resolver.js';

/** Mentor assignments (primary and co-mentors): assign, unassign, reassign, and their fields. */
@Module({
  imports: [StoreModule],
  providers: [
    AssignMentorHandler,
    AssignMentorResolver,
    UnassignMentorHandler,
    UnassignMentorResolver,
    MentorAssignmentResolver,
    InternAssignmentsResolver,
  ],
})
export class AssignmentsModule {}
