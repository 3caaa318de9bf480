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
      'PRIMARY makes them the intern’s primary mentor (over a current one only with replace: true); CO_MENTOR adds a mentor next to them.',
  })
  role: MentorRole;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description:
      'Replace the intern’s current primary mentor (reassignment): their assignment ends as REPLACED_BY_NEW_PRIMARY. Without it, a PRIMARY over an existing one is a CONFLICT.',
  })
  replace?: boolean | null;
}
