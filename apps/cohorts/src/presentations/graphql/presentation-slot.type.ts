import { Directive, Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PresentationSlotStatus, type PresentationSlotSnapshot } from '../domain/presentation-slot.js';

registerEnumType(PresentationSlotStatus, {
  name: 'PresentationSlotStatus',
  description: 'OPEN (free), BOOKED by an intern, or CLOSED by a program manager (no more bookings)',
});

@ObjectType('PanelMentor', { description: 'A mentor on a presentation panel, as this service knows them' })
export class PanelMentorType {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true, description: 'Null until the mentor is known here' }) name: string | null;
}

/** `PresentationSlot`; who booked it and the panel are resolved in PresentationSlotFieldsResolver. */
@ObjectType('PresentationSlot', { description: 'A final-presentation slot with its panel: one intern per slot' })
@Directive('@key(fields: "id")')
export class PresentationSlotType implements Partial<PresentationSlotSnapshot> {
  @Field(() => ID) id: string;
  @Field(() => ID) cohortId: string;
  @Field(() => GraphQLISODateTime) startsAt: Date;
  @Field(() => Int) durationMinutes: number;
  @Field(() => [ID]) panelMentorIds: string[];
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When a program manager closed it' })
  closedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Why it was closed' }) closeReason: string | null;
}
