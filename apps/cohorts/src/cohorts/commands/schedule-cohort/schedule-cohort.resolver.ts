import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import type { Identity } from '#platform';
import type { CohortSnapshot } from '../../domain/cohort.js';
import { CohortType } from '../../graphql/cohort.type.js';
import { ScheduleCohortCommand } from './schedule-cohort.command.js';
import { ScheduleCohortInput } from './schedule-cohort.input.js';

@Resolver()
export class ScheduleCohortResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation(() => CohortType, { description: 'Schedules a cohort and its calendar (program managers)' })
  @Roles('PROGRAM_MANAGER')
  scheduleCohort(
    @Args('input', { type: () => ScheduleCohortInput }) input: ScheduleCohortInput,
    @CurrentUser() user: Identity,
  ): Promise<CohortSnapshot> {
    return this.commands.execute(new ScheduleCohortCommand({ ...input }, user));
  }
}
