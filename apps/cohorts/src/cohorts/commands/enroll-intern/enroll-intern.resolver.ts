import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import type { Identity } from '#platform';
import type { EnrollmentSnapshot } from '../../domain/enrollment.js';
import { EnrollmentType } from '../../graphql/enrollment.type.js';
import { EnrollInternCommand } from './enroll-intern.command.js';
import { EnrollInternInput } from './enroll-intern.input.js';

@Resolver()
export class EnrollInternResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation(() => EnrollmentType, {
    description: 'Enrolls an intern in a cohort, within its capacity (program managers)',
  })
  @Roles('PROGRAM_MANAGER')
  enrollIntern(
    @Args('input', { type: () => EnrollInternInput }) input: EnrollInternInput,
    @CurrentUser() user: Identity,
  ): Promise<EnrollmentSnapshot> {
    const { cohortId, ...intern } = input;
    return this.commands.execute(new EnrollInternCommand(cohortId, intern, user));
  }
}
