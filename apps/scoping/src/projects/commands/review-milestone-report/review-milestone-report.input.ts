import { Field, ID, InputType } from '@nestjs/graphql';
import { ReviewDecision } from '../../graphql/enums.js';

@InputType()
export class ReviewMilestoneReportInput {
  @Field(() => ID) reportId: string;
  @Field(() => ReviewDecision) decision: ReviewDecision;
  @Field(() => String, { nullable: true, description: 'Required with REVISION_REQUESTED' }) feedback?: string | null;
}
