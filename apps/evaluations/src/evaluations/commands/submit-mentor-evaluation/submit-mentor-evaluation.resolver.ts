import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import type { Identity } from '#platform';
import { EvaluationType, evaluationView } from '../../graphql/evaluation.type.js';
import { SubmitMentorEvaluationCommand } from './submit-mentor-evaluation.command.js';
import { SubmitMentorEvaluationInput } from './submit-mentor-evaluation.input.js';

@Resolver(() => EvaluationType)
export class SubmitMentorEvaluationResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation(() => EvaluationType, {
    description:
      "The primary mentor's midpoint or final evaluation of an intern, inside the cycle's window; submitting it again corrects it (decision included) until the window closes. A program manager may submit or correct it on the mentor's behalf at any time after the window opened (recordedBy, revision).",
  })
  @Roles('MENTOR', 'PROGRAM_MANAGER')
  async submitMentorEvaluation(
    @Args('input', { type: () => SubmitMentorEvaluationInput }) input: SubmitMentorEvaluationInput,
    @CurrentUser() caller: Identity,
  ): Promise<EvaluationType> {
    const saved = await this.commandBus.execute(
      new SubmitMentorEvaluationCommand(
        input.internId,
        {
          cycle: input.cycle,
          scores: input.scores ?? [],
          sharedComments: input.sharedComments,
          privateComments: input.privateComments,
          decision: input.decision,
          extensionWeeks: input.extensionWeeks,
          returnOffer: input.returnOffer,
        },
        caller.sub,
        caller.roles,
      ),
    );
    return evaluationView(saved, caller, [caller.sub]);
  }
}
