import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ERASURE_TRIGGERS, type ErasureTrigger, type MentorErasure } from '../domain/mentor.js';

/** The GraphQL enum of ERASURE_TRIGGERS (the cohorts subgraph's InternErasure uses the same). */
export const ErasureTriggerEnum = Object.fromEntries(ERASURE_TRIGGERS.map((t) => [t, t])) as {
  [T in ErasureTrigger]: T;
};
registerEnumType(ErasureTriggerEnum, {
  name: 'ErasureTrigger',
  description: 'Why personal data was erased: on request (eraseMentor, eraseIntern) or by the retention policy.',
});

@ObjectType('MentorErasure', {
  description:
    'A mentor’s personal data was erased: name and e-mail read "Erased mentor" and an undeliverable address everywhere; assignments, check-ins and counts stay.',
})
export class MentorErasureType {
  @Field(() => ID)
  mentorId: string;

  @Field()
  erasedAt: Date;

  @Field({ description: 'The program manager who erased it (their user id).' })
  erasedBy: string;

  @Field()
  reason: string;

  @Field(() => ErasureTriggerEnum)
  trigger: ErasureTrigger;

  static from(e: MentorErasure): MentorErasureType {
    return Object.assign(new MentorErasureType(), {
      mentorId: e.mentorId,
      erasedAt: e.erasedAt,
      erasedBy: e.erasedBy,
      reason: e.reason,
      trigger: e.trigger,
    });
  }
}
