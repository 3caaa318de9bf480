import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ErasureTrigger } from '../domain/intern-erasure.js';

registerEnumType(ErasureTrigger, {
  name: 'InternErasureTrigger',
  description: 'REQUEST (eraseIntern) or RETENTION_POLICY (the cohort completed long enough ago)',
});

/** The record of an intern's erasure: who, when, why; none of the erased data. */
@ObjectType('InternErasure')
export class InternErasureType {
  @Field(() => ID) internId: string;
  @Field(() => GraphQLISODateTime) erasedAt: Date;
  @Field({ description: "The program manager's `sub`, or `retention-policy`" }) erasedBy: string;
  @Field() reason: string;
  @Field(() => ErasureTrigger) trigger: ErasureTrigger;
}
