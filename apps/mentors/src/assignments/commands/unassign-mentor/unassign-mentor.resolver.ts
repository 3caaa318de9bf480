import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import type { Identity } from '#platform';
import { MentorAssignmentType } from '../../graphql/mentor-assignment.type.js';
import { UnassignMentorCommand } from './unassign-mentor.command.js';
import { UnassignMentorInput } from './unassign-mentor.input.js';

@Resolver(() => MentorAssignmentType)
export class UnassignMentorResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation(() => MentorAssignmentType, {
    description: 'Ends a mentor’s assignment to an intern (program managers); returns the ended assignment.',
  })
  @Roles('PROGRAM_MANAGER')
  async unassignMentor(
    @Args('input', { type: () => UnassignMentorInput }) input: UnassignMentorInput,
    @CurrentUser() caller: Identity,
  ): Promise<MentorAssignmentType> {
    const ended = await this.commandBus.execute(
      new UnassignMentorCommand({ internId: input.internId, mentorId: input.mentorId }, caller.sub),
    );
    return MentorAssignmentType.from(ended);
  }
}
