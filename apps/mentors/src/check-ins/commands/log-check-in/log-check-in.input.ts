import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { CheckInProgressEnum } from '../../graphql/check-in.enums.js';

@InputType()
export class LogCheckInInput {
  @Field(() => ID, { description: 'The intern: one the calling mentor is assigned to.' })
  internId: string;

  @Field({ description: 'The day it took place, YYYY-MM-DD; not in the future.' })
  occurredOn: string;

  @Field(() => Int, { description: '1 to 480 minutes.' })
  durationMinutes: number;

  @Field({ description: 'How it took place, e.g. "video call", "in person", "chat".' })
  format: string;

  @Field(() => CheckInProgressEnum)
  progress: CheckInProgressEnum;

  @Field(() => String, { nullable: true, description: 'Shared with the intern.' })
  notes?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Seen only by the mentor who writes them and by program managers; never by the intern.',
  })
  privateNotes?: string | null;

  @Field(() => [String], { nullable: true, description: 'Up to 20.' })
  blockers?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Up to 20.' })
  actionItems?: string[] | null;
}
