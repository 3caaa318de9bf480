import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Roles, type GraphQLRequestContext } from '#auth';
import { canSeePrivateNotes } from '../../graphql/visibility.js';
import { InternType } from '../../interns/graphql/intern.type.js';
import { MentorLoaders } from '../../mentors/graphql/mentor.loaders.js';
import { MentorType } from '../../mentors/graphql/mentor.type.js';
import { CheckInType } from './check-in.type.js';

/**
 * The caller-dependent fields of CheckIn. Every path that returns a check-in (the logCheckIn
 * mutation, Intern.checkIns, Intern.checkInStatus) goes through `privateNotes` here; the rule
 * depends on the check-in (its author), so it is applied in code: the author mentor and program
 * managers see them; the intern, other mentors and anyone else get null.
 */
@Resolver(() => CheckInType)
@Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
export class CheckInResolver {
  constructor(private readonly mentors: MentorLoaders) {}

  @ResolveField('privateNotes', () => String, {
    nullable: true,
    description:
      'Only for the mentor who wrote them and for program managers; null for everyone else, always for the intern.',
  })
  privateNotes(@Parent() checkIn: CheckInType, @Context() context: GraphQLRequestContext): string | null {
    return canSeePrivateNotes(context?.identity, checkIn) ? checkIn.restrictedPrivateNotes : null;
  }

  @ResolveField('intern', () => InternType)
  intern(@Parent() checkIn: CheckInType): InternType {
    return InternType.ref(checkIn.internId);
  }

  @ResolveField('mentor', () => MentorType, { nullable: true, description: 'The mentor who logged it.' })
  async mentor(@Parent() checkIn: CheckInType, @Context() context: GraphQLRequestContext): Promise<MentorType | null> {
    const mentor = await this.mentors.byId(context).load(checkIn.mentorId);
    return mentor ? MentorType.from(mentor) : null;
  }
}
