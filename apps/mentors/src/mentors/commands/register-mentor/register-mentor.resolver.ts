import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import type { Identity } from '#platform';
import { MentorType } from '../../graphql/mentor.type.js';
import { RegisterMentorCommand } from './register-mentor.command.js';
import { RegisterMentorInput } from './register-mentor.input.js';

@Resolver(() => MentorType)
export class RegisterMentorResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation(() => MentorType, { description: 'Registers a mentor (program managers).' })
  @Roles('PROGRAM_MANAGER')
  async registerMentor(
    @Args('input', { type: () => RegisterMentorInput }) input: RegisterMentorInput,
    @CurrentUser() caller: Identity,
  ): Promise<MentorType> {
    const mentor = await this.commandBus.execute(
      new RegisterMentorCommand(
        {
          mentorId: input.mentorId,
          name: input.name,
          email: input.email,
          team: input.team,
          expertise: input.expertise,
          timezone: input.timezone,
          capacity: input.capacity,
          cohortIds: input.cohortIds,
        },
        caller.sub,
      ),
    );
    return MentorType.from(mentor);
  }
}
