import { Field, Float, ID, InputType } from '@nestjs/graphql';

@InputType()
export class MetricResultInput {
  @Field({ description: 'The name of one of the scope’s success metrics' }) name: string;
  @Field(() => Float) value: number;
}

@InputType()
export class SubmitMilestoneReportInput {
  @Field(() => ID, { description: 'A milestone of the scope version in force' }) milestoneId: string;
  @Field() summary: string;
  @Field(() => [MetricResultInput], {
    nullable: true,
    defaultValue: [],
    description: 'Results against the scope’s metrics',
  })
  metricResults?: MetricResultInput[] | null;
  @Field(() => [String], {
    nullable: true,
    defaultValue: [],
    description: 'http(s) URLs: pull requests, dashboards, docs',
  })
  links?: string[] | null;
  @Field(() => [String], { nullable: true, defaultValue: [] }) blockers?: string[] | null;
  @Field(() => [String], { nullable: true, defaultValue: [] }) nextSteps?: string[] | null;
}
