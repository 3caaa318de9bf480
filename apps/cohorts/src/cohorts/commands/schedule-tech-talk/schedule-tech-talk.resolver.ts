import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import type { Identity } from '#platform';
import type { TechTalkSnapshot } from '../../domain/tech-talk.js';
import { TechTalkType } from '../../graphql/tech-talk.type.js';
import { ScheduleTechTalkCommand } from './schedule-tech-talk.command.js';
import { ScheduleTechTalkInput } from './schedule-tech-talk.input.js';

@Resolver()
export class ScheduleTechTalkResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation(() => TechTalkType, { description: "Schedules a tech talk inside a cohort's dates (program managers)" })
  @Roles('PROGRAM_MANAGER')
  scheduleTechTalk(
    @Args('input', { type: () => ScheduleTechTalkInput }) input: ScheduleTechTalkInput,
    @CurrentUser() user: Identity,
  ): Promise<TechTalkSnapshot> {
    const { cohortId, ...talk } = input;
    return this.commands.execute(new ScheduleTechTalkCommand(cohortId, talk, user));
  }
}
