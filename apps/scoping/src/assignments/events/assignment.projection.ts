import { Injectable } from '@nestjs/common';
import { MENTOR_ASSIGNMENTS_PROJECTION, type ConsumesEvents } from '#messaging';

/**
 * Scoping's own view of who mentors whom, from the mentors context's events. Consulted when a
 * command runs, so an assignment that arrives after a scope was drafted still lets that mentor
 * approve it. An unassignment that overtakes its assignment is kept, and wins.
 */
@Injectable()
export class AssignmentProjection implements ConsumesEvents {
  readonly handlers = MENTOR_ASSIGNMENTS_PROJECTION;
}
