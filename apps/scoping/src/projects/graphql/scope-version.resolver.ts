import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Roles, type GraphQLRequestContext } from '#auth';
import { MilestoneType, ScopeVersionType } from './project.type.js';
import { ScopingLoaders } from './scoping.loaders.js';
import { milestoneViews } from './views.js';

/** ScopeVersion.milestones: reached only through a Project the caller may see. */
@Resolver(() => ScopeVersionType)
@Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
export class ScopeVersionFieldsResolver {
  constructor(private readonly loaders: ScopingLoaders) {}

  @ResolveField(() => [MilestoneType], { description: 'The milestones this version plans, in due order' })
  async milestones(
    @Parent() version: ScopeVersionType,
    @Context() context: GraphQLRequestContext,
  ): Promise<MilestoneType[]> {
    const program = await this.loaders
      .for(context)
      .program.load({ internId: version.internId, cohortId: version.cohortId });
    return milestoneViews(version, program);
  }
}
