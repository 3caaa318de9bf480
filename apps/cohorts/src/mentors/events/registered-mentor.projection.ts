import { Injectable } from '@nestjs/common';
import { MentorRegisteredV1 } from '#contracts';
import { on, type ConsumesEvents } from '#messaging';
import { RegisteredMentorRepository } from '../persistence/registered-mentor.repository.js';

/** Keeps the local projection of registered mentors: who may sit on a presentation panel. */
@Injectable()
export class RegisteredMentorProjection implements ConsumesEvents {
  readonly handlers = [
    on(MentorRegisteredV1, (d, meta, tx) =>
      this.mentors.upsert(tx, {
        mentorId: d.mentorId,
        name: d.name,
        email: d.email,
        team: d.team,
        timezone: d.timezone,
        registeredAt: new Date(meta.time),
      }),
    ),
  ];

  constructor(private readonly mentors: RegisteredMentorRepository) {}
}
