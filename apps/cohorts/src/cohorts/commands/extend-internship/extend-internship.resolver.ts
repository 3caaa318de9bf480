import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import type { Identity } from '#platform';
import type { EnrollmentSnapshot } from '../../domain/enrollment.js';
import { EnrollmentType } from '../../graphql/enrollment.type.js';
import { ExtendInternshipCommand } from './extend-internship.command.js';
import { ExtendInternshipInput } from './extend-internship.input.js';

@Resolver()
export class ExtendInternshipResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation(() => EnrollmentType, {
    description:
      "Extends an intern's own program (1 to 5 weeks in total); their later due dates move (program managers)",
  })
  @Roles('PROGRAM_MANAGER')
  extendInternship(
    @Args('input', { type: () => ExtendInternshipInput }) input: ExtendInternshipInput,
    @CurrentUser() user: Identity,
  ): Promise<EnrollmentSnapshot> {
    return this.commands.execute(
      new ExtendInternshipCommand(input.cohortId, input.internId, input.weeks, input.reason, user),
    );
  }
}
