import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MentorRegisteredV1, type EventData } from '#contracts';
import { HandlesEvents, type ConsumedEvent, type IntegrationEventHandler } from '#messaging';
import { RegisteredMentorRepository } from '../persistence/registered-mentor.repository.js';

type MentorRegistered = EventData<typeof MentorRegisteredV1>;

/** Keeps the local projection of registered mentors: who may sit on a presentation panel. */
@Injectable()
@HandlesEvents(MentorRegisteredV1)
export class MentorRegisteredHandler implements IntegrationEventHandler<MentorRegistered> {
  constructor(private readonly mentors: RegisteredMentorRepository) {}

  async handle(event: ConsumedEvent<MentorRegistered>, tx: EntityManager): Promise<void> {
    const d = event.data;
    await this.mentors.upsert(tx, {
      mentorId: d.mentorId,
      name: d.name,
      email: d.email,
      team: d.team,
      timezone: d.timezone,
      registeredAt: new Date(event.time),
    });
  }
}
