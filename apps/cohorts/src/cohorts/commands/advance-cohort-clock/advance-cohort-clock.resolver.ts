import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import type { Identity } from '#platform';
import type { CohortSnapshot } from '../../domain/cohort.js';
import { CohortType } from '../../graphql/cohort.type.js';
import { AdvanceCohortClockCommand } from './advance-cohort-clock.command.js';
import { AdvanceCohortClockInput } from './advance-cohort-clock.input.js';

@Resolver()
export class AdvanceCohortClockResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation(() => CohortType, {
    description:
      'Sandbox only (CLOCK_MODE=sandbox): fast-forwards a cohort to the start of week toWeek, publishing every due clock event in order; toWeek = weeks + 1 completes it (program managers)',
  })
  @Roles('PROGRAM_MANAGER')
  advanceCohortClock(
    @Args('input', { type: () => AdvanceCohortClockInput }) input: AdvanceCohortClockInput,
    @CurrentUser() user: Identity,
  ): Promise<CohortSnapshot> {
    return this.commands.execute(new AdvanceCohortClockCommand(input.cohortId, input.toWeek, user));
  }
}
