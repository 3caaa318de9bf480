import { Injectable } from '@nestjs/common';
import { MENTOR_ASSIGNMENTS_PROJECTION, type ConsumesEvents } from '#messaging';

/**
 * Keeps this service's own view of who mentors whom, from the mentors context's events: the
 * relationship behind "a mentor sees only their own mentees" for the intern data owned here
 * (names, emails, enrollments, calendars, talk attendance). Never asks the mentors service.
 */
@Injectable()
export class MentorAssignmentProjection implements ConsumesEvents {
  readonly handlers = MENTOR_ASSIGNMENTS_PROJECTION;
}
