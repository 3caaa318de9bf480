import { Field, InputType, Int } from '@nestjs/graphql';
import type { EvaluationCycle } from '../../domain/evaluation-window.js';
import { EvaluationCycleEnum } from '../../graphql/enums.js';
import { CompetencyScoreInput } from '../submit-mentor-evaluation/submit-mentor-evaluation.input.js';

@InputType()
export class SubmitSelfEvaluationInput {
  @Field(() => EvaluationCycleEnum) cycle: EvaluationCycle;
  @Field(() => [CompetencyScoreInput], { description: 'Every competency of the program rubric, once' })
  scores: CompetencyScoreInput[];
  @Field() reflections: string;
  @Field(() => Int, {
    nullable: true,
    description: 'FINAL only (required there): how likely, 0–10, you would recommend the program to a friend',
  })
  programNps?: number | null;
}
