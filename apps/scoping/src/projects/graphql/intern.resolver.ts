import { Context, Parent, ResolveField, ResolveReference, Resolver } from '@nestjs/graphql';
import { Roles, type GraphQLRequestContext } from '#auth';
import { UnauthenticatedError } from '#ddd';
import { InternType } from './intern.type.js';
import { ProjectType } from './project.type.js';
import { ScopingLoaders } from './scoping.loaders.js';
import { mayView, projectView } from './views.js';

/** Intern.project: the field this subgraph adds to the Intern entity owned by the cohorts service. */
@Resolver(() => InternType)
@Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
export class InternFieldsResolver {
  constructor(private readonly loaders: ScopingLoaders) {}

  /** Apollo calls this as (reference, context, info): no parameter decorators here. */
  @ResolveReference()
  resolveReference(reference: { __typename: string; id: string }, context: GraphQLRequestContext): InternType {
    if (!context?.identity) throw new UnauthenticatedError('sign in: this operation needs a bearer token');
    return InternType.ref(reference.id);
  }

  @ResolveField(() => ProjectType, {
    nullable: true,
    description:
      'The intern’s project (of their latest cohort); null until they draft one, or when the caller may not see it',
  })
  async project(@Parent() intern: InternType, @Context() context: GraphQLRequestContext): Promise<ProjectType | null> {
    const loaders = this.loaders.for(context);
    const record = await loaders.projectOfIntern.load(intern.id);
    if (!record || !(await mayView(loaders, context?.identity, record))) return null;
    return projectView(record);
  }
}
