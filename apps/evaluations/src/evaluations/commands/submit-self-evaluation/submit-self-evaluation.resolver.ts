import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import type { Identity } from '#platform';
import { EvaluationType, evaluationView } from '../../graphql/evaluation.type.js';
import { SubmitSelfEvaluationCommand } from './submit-self-evaluation.command.js';
import { SubmitSelfEvaluationInput } from './submit-self-evaluation.input.js';

@Resolver(() => EvaluationType)
export class SubmitSelfEvaluationResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation(() => EvaluationType, {
    description:
      "The signed-in intern's own midpoint or final evaluation, inside the cycle's window; editable until it closes.",
  })
  @Roles('INTERN')
  async submitSelfEvaluation(
    @Args('input', { type: () => SubmitSelfEvaluationInput }) input: SubmitSelfEvaluationInput,
    @CurrentUser() caller: Identity,
  ): Promise<EvaluationType> {
    const saved = await this.commandBus.execute(
      new SubmitSelfEvaluationCommand(caller.sub, {
        cycle: input.cycle,
        scores: input.scores ?? [],
        reflections: input.reflections,
        programNps: input.programNps,
      }),
    );
    return evaluationView(saved, caller, []);
  }
}
