import { ArgsType, Field, ID } from '@nestjs/graphql';
import { PageArgs } from '#platform';
import type { RiskLevel } from '../../domain/intern-progress.js';
import { RiskLevelEnum } from '../../graphql/intern-progress.type.js';

@ArgsType()
export class InternProgressArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'One cohort (else every cohort the caller may see)' })
  cohortId?: string | null;
  @Field(() => RiskLevelEnum, { nullable: true, description: 'Only interns at this risk level' })
  riskLevel?: RiskLevel | null;
}
