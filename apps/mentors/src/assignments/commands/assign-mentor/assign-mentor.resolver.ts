import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import type { Identity } from '#platform';
import { MentorAssignmentType } from '../../graphql/mentor-assignment.type.js';
import { AssignMentorCommand } from './assign-mentor.command.js';
import { AssignMentorInput } from './assign-mentor.input.js';

@Resolver(() => MentorAssignmentType)
export class AssignMentorResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation(() => MentorAssignmentType, {
    description:
      'Assigns a mentor to an intern (program managers). Capacity is enforced (CONFLICT when the mentor is full); a new PRIMARY replaces the current one.',
  })
  @Roles('PROGRAM_MANAGER')
  async assignMentor(
    @Args('input', { type: () => AssignMentorInput }) input: AssignMentorInput,
    @CurrentUser() caller: Identity,
  ): Promise<MentorAssignmentType> {
    const assignment = await this.commandBus.execute(
      new AssignMentorCommand({ internId: input.internId, mentorId: input.mentorId, role: input.role }, caller.sub),
    );
    return MentorAssignmentType.from(assignment);
  }
}
