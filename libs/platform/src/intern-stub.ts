import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/**
 * The federated `Intern` stub of every subgraph that extends the Intern entity owned by the
 * cohorts service (evaluations, mentors, scoping): only the key is known. One class, because the
 * stub is the same in each; each service lists it in `orphanedTypes` and resolves its own fields on it.
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
