import { Context, GraphQLISODateTime, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Roles, type GraphQLRequestContext } from '#auth';
import type { CohortSnapshot } from '../../cohorts/domain/cohort.js';
import { addMinutes } from '../../shared/domain/instants.js';
import type { TechTalkSnapshot } from '../domain/tech-talk.js';
import { CohortType } from '../../cohorts/graphql/cohort.type.js';
import { TechTalkType } from './tech-talk.type.js';
import { canReadCohorts } from '../../shared/graphql/visibility.js';
import { CohortsFieldsResolver } from '../../shared/graphql/cohorts-fields.resolver.js';

/** The computed fields of `TechTalk` and its federation reference resolver. */
@Resolver(() => TechTalkType)
@Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
export class TechTalkFieldsResolver extends CohortsFieldsResolver {
  @ResolveField(() => GraphQLISODateTime)
  endsAt(@Parent() talk: TechTalkSnapshot): Date {
    return addMinutes(talk.startsAt, talk.durationMinutes);
  }

  @ResolveField(() => Boolean, { description: 'You RSVPed to the talk (always false for anyone but an intern)' })
  async rsvpedByMe(@Parent() talk: TechTalkSnapshot, @Context() ctx: GraphQLRequestContext): Promise<boolean> {
    return (await this.program.for(ctx).myTalkMarks.load(talk.id)).rsvped;
  }

  @ResolveField(() => Boolean, { description: 'You were recorded as present' })
  async attendedByMe(@Parent() talk: TechTalkSnapshot, @Context() ctx: GraphQLRequestContext): Promise<boolean> {
    return (await this.program.for(ctx).myTalkMarks.load(talk.id)).attended;
  }

  @ResolveField(() => CohortType)
  async cohort(@Parent() talk: TechTalkSnapshot, @Context() ctx: GraphQLRequestContext): Promise<CohortSnapshot> {
    return this.cohortOf(ctx, talk.cohortId);
  }

  @ResolveReference()
  async resolveReference(
    @Parent() reference: { id: string },
    @Context() ctx: GraphQLRequestContext,
  ): Promise<TechTalkSnapshot | null> {
    if (!canReadCohorts(ctx.identity)) return null;
    return this.program.for(ctx).talk.load(reference.id);
  }
}
