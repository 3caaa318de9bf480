import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import type { Identity } from '#platform';
import type { UpdateMentorProps } from '../../domain/mentor.js';
import { MentorType } from '../../graphql/mentor.type.js';
import { UpdateMentorProfileCommand } from './update-mentor-profile.command.js';
import { UpdateMentorProfileInput } from './update-mentor-profile.input.js';

@Resolver(() => MentorType)
export class UpdateMentorProfileResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation(() => MentorType, {
    description:
      'Changes a mentor’s profile, capacity or cohort availability (program managers, or the mentor themself). Fields left out stay as they are.',
  })
  @Roles('PROGRAM_MANAGER', 'MENTOR')
  async updateMentorProfile(
    @Args('input', { type: () => UpdateMentorProfileInput }) input: UpdateMentorProfileInput,
    @CurrentUser() caller: Identity,
  ): Promise<MentorType> {
    const changes: UpdateMentorProps = {};
    for (const key of ['name', 'email', 'team', 'expertise', 'timezone', 'capacity', 'cohortIds'] as const) {
      if (input[key] !== undefined) (changes as Record<string, unknown>)[key] = input[key];
    }
    const mentor = await this.commandBus.execute(new UpdateMentorProfileCommand(input.mentorId, changes, caller));
    return MentorType.from(mentor);
  }
}
