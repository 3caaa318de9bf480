import { Context, GraphQLISODateTime, ID, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Roles, type GraphQLRequestContext } from '#auth';
import type { CohortSnapshot } from '../../cohorts/domain/cohort.js';
import {
  PresentationSlotStatus,
  slotEndsAt,
  slotStatus,
  type PresentationSlotSnapshot,
} from '../domain/presentation-slot.js';
import { type InternView } from '../../shared/graphql/cohort.loaders.js';
import { CohortType } from '../../cohorts/graphql/cohort.type.js';
import { InternType } from '../../enrollments/graphql/intern.type.js';
import { PanelMentorType, PresentationSlotType } from './presentation-slot.type.js';
import { canReadCohorts } from '../../shared/graphql/visibility.js';
import { CohortsFieldsResolver } from '../../shared/graphql/cohorts-fields.resolver.js';

/**
 * The computed fields of `PresentationSlot`. Who booked a slot is seen by program managers, the
 * intern who booked it, that intern's mentors and the mentors on the slot's panel; anyone else
 * sees only that it is taken.
 */
@Resolver(() => PresentationSlotType)
@Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
export class PresentationSlotFieldsResolver extends CohortsFieldsResolver {
  @ResolveField(() => GraphQLISODateTime)
  endsAt(@Parent() slot: PresentationSlotSnapshot): Date {
    return slotEndsAt(slot);
  }

  @ResolveField(() => PresentationSlotStatus)
  status(@Parent() slot: PresentationSlotSnapshot): PresentationSlotStatus {
    return slotStatus(slot);
  }

  @ResolveField(() => Boolean, { description: 'Booked by an intern' })
  booked(@Parent() slot: PresentationSlotSnapshot): boolean {
    return slot.bookedBy !== null;
  }

  @ResolveField(() => Boolean, { description: 'Booked by you' })
  bookedByMe(@Parent() slot: PresentationSlotSnapshot, @Context() ctx: GraphQLRequestContext): boolean {
    return !!ctx.identity && slot.bookedBy === ctx.identity.sub;
  }

  @ResolveField(() => ID, {
    nullable: true,
    description: 'The intern who booked it (null when free or not yours to see)',
  })
  async internId(
    @Parent() slot: PresentationSlotSnapshot,
    @Context() ctx: GraphQLRequestContext,
  ): Promise<string | null> {
    return (await this.loaders.canSeeBooker(ctx, slot)) ? slot.bookedBy : null;
  }

  @ResolveField(() => InternType, {
    nullable: true,
    description: 'The intern who booked it (null when free or not yours to see)',
  })
  async intern(
    @Parent() slot: PresentationSlotSnapshot,
    @Context() ctx: GraphQLRequestContext,
  ): Promise<InternView | null> {
    if (!slot.bookedBy || !(await this.loaders.canSeeBooker(ctx, slot))) return null;
    return this.loaders.for(ctx).intern.load(slot.bookedBy);
  }

  @ResolveField(() => GraphQLISODateTime, { nullable: true })
  async bookedAt(
    @Parent() slot: PresentationSlotSnapshot,
    @Context() ctx: GraphQLRequestContext,
  ): Promise<Date | null> {
    return (await this.loaders.canSeeBooker(ctx, slot)) ? slot.bookedAt : null;
  }

  @ResolveField(() => [PanelMentorType])
  async panel(
    @Parent() slot: PresentationSlotSnapshot,
    @Context() ctx: GraphQLRequestContext,
  ): Promise<PanelMentorType[]> {
    const loader = this.program.for(ctx).mentorName;
    const names = await Promise.all(slot.panelMentorIds.map((id) => loader.load(id)));
    return slot.panelMentorIds.map((id, i) => ({ id, name: names[i] ?? null }));
  }

  @ResolveField(() => CohortType)
  async cohort(
    @Parent() slot: PresentationSlotSnapshot,
    @Context() ctx: GraphQLRequestContext,
  ): Promise<CohortSnapshot> {
    return this.cohortOf(ctx, slot.cohortId);
  }

  @ResolveReference()
  async resolveReference(
    @Parent() reference: { id: string },
    @Context() ctx: GraphQLRequestContext,
  ): Promise<PresentationSlotSnapshot | null> {
    if (!canReadCohorts(ctx.identity)) return null;
    return this.program.for(ctx).slot.load(reference.id);
  }
}
