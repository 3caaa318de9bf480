import { CheckInLoggedV1, MentorErasedV1, MentorProfileUpdatedV1, MentorRegisteredV1 } from '#contracts';
import { domainEventMapper, outgoing } from '#messaging';
import type { CheckInLogged } from '../../check-ins/domain/check-in.js';
import type { MentorEvent, MentorProfileUpdated, MentorRegistered } from '../domain/mentor.js';

/** The domain events of the mentors service: its mentors' and its check-ins'. */
export type MentorsDomainEvent = MentorEvent | CheckInLogged;

const profile = ({ mentor: m }: MentorRegistered | MentorProfileUpdated) => ({
  mentorId: m.mentorId,
  name: m.name,
  email: m.email,
  team: m.team,
  expertise: [...m.expertise],
  timezone: m.timezone,
  capacity: m.capacity,
});

/**
 * The service's domain events as the integration events other contexts consume: a mentor's are
 * keyed by the mentor, a check-in's by the intern. CheckInLogged carries no notes: shared and
 * private notes stay in this service. (Assignments record no domain events: their commands
 * publish MentorAssigned/MentorUnassigned themselves, see assignments/commands/assignment-events.)
 */
export const toIntegrationEvents = domainEventMapper<MentorsDomainEvent>({
  MentorRegistered: (event) => outgoing(MentorRegisteredV1, event.mentor.mentorId, profile(event)),
  MentorProfileUpdated: (event) =>
    outgoing(MentorProfileUpdatedV1, event.mentor.mentorId, {
      ...profile(event),
      cohortIds: event.mentor.cohortIds ? [...event.mentor.cohortIds] : null,
      changedFields: [...event.changedFields],
    }),
  // No personal data: the erasure tells every service to remove its own copies of the mentor's.
  MentorErased: ({ erasure: e }) =>
    outgoing(MentorErasedV1, e.mentorId, {
      mentorId: e.mentorId,
      erasedAt: e.erasedAt.toISOString(),
      trigger: e.trigger,
    }),
  CheckInLogged: ({ checkIn: c }) =>
    outgoing(CheckInLoggedV1, c.internId, {
      checkInId: c.checkInId,
      cohortId: c.cohortId,
      internId: c.internId,
      mentorId: c.mentorId,
      occurredOn: c.occurredOn,
      week: c.week,
      durationMinutes: c.durationMinutes,
      format: c.format,
      progress: c.progress,
      blockerCount: c.blockers.length,
    }),
});
