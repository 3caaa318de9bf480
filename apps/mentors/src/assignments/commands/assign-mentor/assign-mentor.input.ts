import { Field, ID, InputType } from '@nestjs/graphql';
import { MentorRole } from '../../graphql/mentor-role.enum.js';

@InputType()
export class AssignMentorInput {
  @Field(() => ID, { description: "The intern's user id." })
  internId: string;

  @Field(() => ID, { description: "The mentor's user id." })
  mentorId: string;

  @Field(() => MentorRole, {
    description:
      'PRIMARY replaces the intern’s current primary mentor, if any (reassignment); CO_MENTOR adds a mentor next to them.',
  })
  role: MentorRole;
}
