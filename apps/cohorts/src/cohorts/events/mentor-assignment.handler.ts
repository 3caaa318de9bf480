import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MentorAssignedV1, MentorUnassignedV1, type EventData } from '#contracts';
import { HandlesEvents, type ConsumedEvent, type IntegrationEventHandler } from '#messaging';
import { MentorAssignmentRepository } from '../persistence/mentor-assignment.repository.js';

type MentorAssigned = EventData<typeof MentorAssignedV1>;
type MentorUnassigned = EventData<typeof MentorUnassignedV1>;

/**
 * Keeps this service's own view of who mentors whom, from the mentors context's events: the
 * relationship behind "a mentor sees only their own mentees" for the intern data owned here
 * (names, emails, enrollments, calendars, talk attendance). Never asks the mentors service.
 */
@Injectable()
@HandlesEvents(MentorAssignedV1, MentorUnassignedV1)
export class MentorAssignmentHandler implements IntegrationEventHandler {
  constructor(private readonly assignments: MentorAssignmentRepository) {}

  async handle(event: ConsumedEvent<unknown>, tx: EntityManager): Promise<void> {
    switch (event.type) {
      case MentorAssignedV1.type: {
        const d = event.data as MentorAssigned;
        await this.assignments.assigned(tx, { ...d, assignedAt: new Date(d.assignedAt) });
        return;
      }
      case MentorUnassignedV1.type: {
        const d = event.data as MentorUnassigned;
        await this.assignments.unassigned(tx, { ...d, at: new Date(event.time) });
        return;
      }
      default:
        throw new Error(`MentorAssignmentHandler does not handle ${event.type}`);
    }
  }
}
