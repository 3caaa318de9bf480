import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class RecordTalkAttendanceInput {
  @Field(() => ID) talkId: string;
  @Field(() => [ID], {
    description: "Interns of the talk's cohort who attended (1 to 1000; already recorded ones are skipped)",
  })
  internIds: string[];
}
