import { Injectable } from '@nestjs/common';
import { MentorErasedV1, MentorRegisteredV1 } from '#contracts';
import { on, type ConsumesEvents } from '#messaging';
import { RegisteredMentorRepository } from '../persistence/registered-mentor.repository.js';
import { erasedMentor, ErasureTrigger } from '../../personal-data/domain/intern-erasure.js';
import { PersonalDataRepository } from '../../personal-data/persistence/personal-data.repository.js';

/**
 * Keeps the local projection of registered mentors: who may sit on a presentation panel. An
 * erased mentor (MentorErased) stays a mentor, their name and e-mail replaced by the erased
 * values; the erasure is recorded, so that a MentorRegistered about them that comes later (a
 * replay, a redelivery) writes the erased values too and never brings the data back.
 */
@Injectable()
export class RegisteredMentorProjection implements ConsumesEvents {
  readonly handlers = [
    on(MentorRegisteredV1, async (d, meta, tx) => {
      const erased = (await this.personalData.erasedOf(tx, 'MENTOR', [d.mentorId])).has(d.mentorId);
      await this.mentors.upsert(tx, {
        mentorId: d.mentorId,
        ...(erased ? erasedMentor(d.mentorId) : { name: d.name, email: d.email }),
        team: d.team,
        timezone: d.timezone,
        registeredAt: new Date(meta.time),
      });
    }),
    on(MentorErasedV1, async (d, _meta, tx) => {
      await this.personalData.record(tx, {
        person: 'MENTOR',
        subjectId: d.mentorId,
        reason: null,
        erasedBy: null,
        erasedAt: new Date(d.erasedAt),
        trigger: ErasureTrigger[d.trigger],
      });
      await this.personalData.eraseMentor(tx, d.mentorId, erasedMentor(d.mentorId));
    }),
  ];

  constructor(
    private readonly mentors: RegisteredMentorRepository,
    private readonly personalData: PersonalDataRepository,
  ) {}
}
