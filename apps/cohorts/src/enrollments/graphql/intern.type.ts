import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';
import { DegreeLevel } from '../../shared/graphql/enums.js';

/**
 * `Intern`, owned by this service (other subgraphs extend it by `id`, the intern's `sub`).
 * The profile is the one given with the intern's latest enrollment.
 */
@ObjectType('Intern')
@Directive('@key(fields: "id")')
export class InternType {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field() email: string;
  @Field() university: string;
  @Field(() => DegreeLevel) degreeLevel: DegreeLevel;
  @Field(() => [String]) focusAreas: string[];
  @Field({ description: 'IANA time zone the intern works in' }) timezone: string;
}
