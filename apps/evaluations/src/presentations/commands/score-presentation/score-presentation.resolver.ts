import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import type { Identity } from '#platform';
import { PresentationScoreType } from '../../graphql/presentation.type.js';
import { ScorePresentationCommand } from './score-presentation.command.js';
import { ScorePresentationInput } from './score-presentation.input.js';

@Resolver(() => PresentationScoreType)
export class ScorePresentationResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation(() => PresentationScoreType, {
    description: 'A panel mentor scores the final presentation given in a booked slot (again: replaces their scores).',
  })
  @Roles('MENTOR')
  async scorePresentation(
    @Args('input', { type: () => ScorePresentationInput }) input: ScorePresentationInput,
    @CurrentUser() caller: Identity,
  ): Promise<PresentationScoreType> {
    const row = await this.commandBus.execute(
      new ScorePresentationCommand(input.slotId, input.scores ?? [], input.comments, caller.sub),
    );
    return { ...row, scores: row.scores.map((s) => ({ ...s })) };
  }
}
