import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import type { Identity } from '#platform';
import { RubricType, toRubricType } from '../../graphql/rubric.type.js';
import { TailorRubricCommand } from './tailor-rubric.command.js';
import { TailorRubricInput } from './tailor-rubric.input.js';

@Resolver(() => RubricType)
export class TailorRubricResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation(() => RubricType, {
    description:
      'Tailors the program or presentation rubric of one cohort (program managers), until its first evaluation window opens.',
  })
  @Roles('PROGRAM_MANAGER')
  async tailorRubric(
    @Args('input', { type: () => TailorRubricInput }) input: TailorRubricInput,
    @CurrentUser() caller: Identity,
  ): Promise<RubricType> {
    return toRubricType(await this.commandBus.execute(new TailorRubricCommand(input, caller.sub)));
  }
}
