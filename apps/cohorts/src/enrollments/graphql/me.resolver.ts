import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { hasRole, Roles, type GraphQLRequestContext } from '#auth';
import type { EnrollmentSnapshot } from '../domain/enrollment.js';
import { CohortLoaders, type InternView } from '../../shared/graphql/cohort.loaders.js';
import { EnrollmentType } from './enrollment.type.js';
import { InternType } from './intern.type.js';
import { MeType } from './me.type.js';

/** `Me.enrollments` and `Me.intern`: the caller's own, when the caller is an intern. */
@Resolver(() => MeType)
@Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
export class MeFieldsResolver {
  constructor(private readonly loaders: CohortLoaders) {}

  @ResolveField(() => [EnrollmentType], {
    description: 'Your enrollments when you are an intern (oldest first); empty otherwise',
  })
  async enrollments(@Parent() me: MeType, @Context() ctx: GraphQLRequestContext): Promise<EnrollmentSnapshot[]> {
    if (!ctx.identity || !hasRole(ctx.identity, 'INTERN')) return [];
    return this.loaders.for(ctx).enrollmentsOfIntern.load(me.sub);
  }

  @ResolveField(() => InternType, { nullable: true, description: 'Your intern record, once you are enrolled' })
  async intern(@Parent() me: MeType, @Context() ctx: GraphQLRequestContext): Promise<InternView | null> {
    if (!ctx.identity || !hasRole(ctx.identity, 'INTERN')) return null;
    return this.loaders.for(ctx).intern.load(me.sub);
  }
}
