import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/**
 * The Intern entity is owned by the cohorts service; this subgraph extends it with `project`.
 * A stub: only the key is known here.
 */
@ObjectType('Intern')
@Directive('@extends')
@Directive('@key(fields: "id")')
export class InternType {
  @Field(() => ID)
  @Directive('@external')
  id: string;

  static ref(id: string): InternType {
    const t = new InternType();
    t.id = id;
    return t;
  }
}
