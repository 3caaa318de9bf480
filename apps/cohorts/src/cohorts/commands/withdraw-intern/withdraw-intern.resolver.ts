import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import type { Identity } from '#platform';
import type { EnrollmentSnapshot } from '../../domain/enrollment.js';
import { EnrollmentType } from '../../graphql/enrollment.type.js';
import { WithdrawInternCommand } from './withdraw-intern.command.js';
import { WithdrawInternInput } from './withdraw-intern.input.js';

@Resolver()
export class WithdrawInternResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation(() => EnrollmentType, { description: 'Withdraws an intern from a cohort (program managers)' })
  @Roles('PROGRAM_MANAGER')
  withdrawIntern(
    @Args('input', { type: () => WithdrawInternInput }) input: WithdrawInternInput,
    @CurrentUser() user: Identity,
  ): Promise<EnrollmentSnapshot> {
    return this.commands.execute(new WithdrawInternCommand(input.cohortId, input.internId, input.reason, user));
  }
}
