import { Field, ID, InputType } from '@nestjs/graphql';
import { OfferStatus } from '../../../shared/graphql/enums.js';

@InputType()
export class RecordOfferDecisionInput {
  @Field(() => ID) cohortId: string;
  @Field(() => ID) internId: string;
  @Field(() => OfferStatus, { description: 'EXTENDED first, then ACCEPTED or DECLINED' })
  status: OfferStatus;
}
