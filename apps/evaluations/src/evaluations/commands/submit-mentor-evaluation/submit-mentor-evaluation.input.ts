import { Field, ID, InputType, Int } from '@nestjs/graphql';
import type { EvaluationDecision, ReturnOffer } from '../../domain/decision.js';
import type { EvaluationCycle } from '../../domain/evaluation-window.js';
import { EvaluationCycleEnum, EvaluationDecisionEnum, ReturnOfferEnum } from '../../graphql/enums.js';

@InputType()
export class CompetencyScoreInput {
  @Field({ description: 'A competency key of the cohort’s program rubric, e.g. TECHNICAL_EXECUTION' })
  competency: string;
  @Field(() => Int, { description: '1 to 5' }) score: number;
  @Field(() => String, { nullable: true }) comment?: string | null;
}

@InputType()
export class SubmitMentorEvaluationInput {
  @Field(() => ID) internId: string;
  @Field(() => EvaluationCycleEnum) cycle: EvaluationCycle;
  @Field(() => [CompetencyScoreInput], { description: 'Every competency of the program rubric, once' })
  scores: CompetencyScoreInput[];
  @Field({ description: 'Shared with the intern' }) sharedComments: string;
  @Field(() => String, {
    nullable: true,
    description: 'For program managers and mentors only; never shown to the intern',
  })
  privateComments?: string | null;
  @Field(() => EvaluationDecisionEnum, {
    description: 'CONTINUE, EXTEND or TERMINATE at MIDPOINT; PASS or FAIL at FINAL',
  })
  decision: EvaluationDecision;
  @Field(() => Int, { nullable: true, description: 'With EXTEND: 1 to 5 weeks (at most 5 in total)' })
  extensionWeeks?: number | null;
  @Field(() => ReturnOfferEnum, { nullable: true, description: 'At FINAL: the return-offer recommendation' })
  returnOffer?: ReturnOffer | null;
}
