import { Field, ID, InputType, Int } from '@nestjs/graphql';

@InputType()
export class SuccessMetricInput {
  @Field({ description: 'What is measured, e.g. "RMSE" or "CTR uplift"; unique within the scope' }) name: string;
  @Field({
    description:
      'Measurable: a number with a comparator ("≤ 0.85", ">= 2%", "< 200 ms"), or a plain number with a unit ("500" with unit "users")',
  })
  target: string;
  @Field(() => String, {
    nullable: true,
    defaultValue: '',
    description: 'e.g. "%", "ms", "users"; needed for a target without comparator',
  })
  unit?: string | null;
}

@InputType()
export class MilestoneInput {
  @Field(() => ID, {
    nullable: true,
    description:
      'Keep a milestone of an earlier version (and its reports) under its id; without one, a milestone keeps the id of the earlier one with the same title, or gets a new id',
  })
  id?: string | null;
  @Field() title: string;
  @Field(() => Int, {
    description:
      'The week of the intern’s own program it is due at the end of (1 to their program length, extension included); in order',
  })
  dueWeek: number;
  @Field(() => [String], { description: 'At least one: what "done" means for this milestone' })
  acceptanceCriteria: string[];
}

/** Validation lives in the domain (validateScope), which names every offending field. */
@InputType()
export class DraftProjectScopeInput {
  @Field() title: string;
  @Field() problemStatement: string;
  @Field(() => [String], { description: 'At least one' }) objectives: string[];
  @Field(() => [SuccessMetricInput], { description: 'At least one, each measurable' })
  successMetrics: SuccessMetricInput[];
  @Field(() => [String], { nullable: true, defaultValue: [] }) deliverables?: string[] | null;
  @Field(() => [MilestoneInput], { description: 'At least one, in due order' }) milestones: MilestoneInput[];
  @Field(() => Int, {
    nullable: true,
    description:
      'Optional: the project revision you last read; when given, a stale one is a CONFLICT',
  })
  expectedRevision?: number | null;
}
