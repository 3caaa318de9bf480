import { Field, GraphQLISODateTime, ObjectType } from '@nestjs/graphql';
import { OfferStatus, ReturnOfferRecommendation } from '../../shared/graphql/enums.js';

/**
 * `Enrollment.returnOffer`: the final evaluation's recommendation and what became of the offer.
 * Named `EnrollmentReturnOffer` because the evaluations subgraph already owns the enum
 * `ReturnOffer` (the recommendation of `submitMentorEvaluation`).
 */
@ObjectType('EnrollmentReturnOffer')
export class ReturnOfferType {
  @Field(() => ReturnOfferRecommendation, {
    nullable: true,
    description:
      "The final evaluation's return-offer recommendation (its latest revision); null when none was recorded, and for the intern themself",
  })
  recommendation: ReturnOfferRecommendation | null;

  @Field(() => OfferStatus, {
    nullable: true,
    description: 'What became of the offer; null until a decision is recorded',
  })
  status: OfferStatus | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the last offer decision was recorded' })
  decidedAt: Date | null;
}
