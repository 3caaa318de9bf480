import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import type { Identity } from '#platform';
import type { CohortSnapshot } from '../../domain/cohort.js';
import { CohortType } from '../../graphql/cohort.type.js';
import { CancelCohortCommand } from './cancel-cohort.command.js';
import { CancelCohortInput } from './cancel-cohort.input.js';

@Resolver()
export class CancelCohortResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation(() => CohortType, { description: 'Cancels a scheduled cohort before it starts (program managers)' })
  @Roles('PROGRAM_MANAGER')
  cancelCohort(
    @Args('input', { type: () => CancelCohortInput }) input: CancelCohortInput,
    @CurrentUser() user: Identity,
  ): Promise<CohortSnapshot> {
    return this.commands.execute(new CancelCohortCommand(input.cohortId, input.reason, user));
  }
}
