import { registerEnumType } from '@nestjs/graphql';

/** SPEC §5 `role` of assignMentor: one primary mentor per intern, any number of co-mentors. */
export enum MentorRole {
  PRIMARY = 'PRIMARY',
  CO_MENTOR = 'CO_MENTOR',
}

registerEnumType(MentorRole, {
  name: 'MentorRole',
  description: 'PRIMARY: the one mentor accountable for the intern; CO_MENTOR: any number of others.',
});
