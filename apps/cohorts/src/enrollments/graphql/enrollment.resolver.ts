import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { NotFoundError } from '#ddd';
import { Roles, type GraphQLRequestContext } from '#auth';
import type { CohortSnapshot } from '../../cohorts/domain/cohort.js';
import {
  returnOfferOf,
  type EnrollmentSnapshot,
  type ExtensionRecord,
  type ReturnOffer,
} from '../domain/enrollment.js';
import { isProgramManager } from '../../shared/graphql/visibility.js';
import { ReturnOfferType } from './return-offer.type.js';
import { internCalendar, type InternCalendar } from '#calendar';
import { onboardingProgress } from '../../onboarding/domain/onboarding.js';
import type { PresentationSlotSnapshot } from '../../presentations/domain/presentation-slot.js';
import { type InternView } from '../../shared/graphql/cohort.loaders.js';
import { CohortType } from '../../cohorts/graphql/cohort.type.js';
import { EnrollmentType } from './enrollment.type.js';
import { InternCalendarType, InternshipExtensionType } from './intern-calendar.type.js';
import { InternType } from './intern.type.js';
import { EnrollmentOnboardingType } from '../../onboarding/graphql/onboarding.type.js';
import { PresentationSlotType } from '../../presentations/graphql/presentation-slot.type.js';
import { CohortsFieldsResolver } from '../../shared/graphql/cohorts-fields.resolver.js';

/**
 * The computed fields of `Enrollment`, batched per request. An enrollment is reachable only by
 * those who may see its intern (Cohort.enrollments and Intern.enrollments filter); the fields
 * check again all the same, with the relationship batched per request.
 */
@Resolver(() => EnrollmentType)
@Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
export class EnrollmentFieldsResolver extends CohortsFieldsResolver {
  private async visible(enrollment: EnrollmentSnapshot, ctx: GraphQLRequestContext): Promise<void> {
    if (!(await this.loaders.canSeeIntern(ctx, enrollment.internId)))
      throw new NotFoundError('Enrollment', enrollment.id);
  }

  @ResolveField(() => EnrollmentOnboardingType, { description: "The intern's progress through the cohort's checklist" })
  async onboarding(
    @Parent() enrollment: EnrollmentSnapshot,
    @Context() ctx: GraphQLRequestContext,
  ): Promise<EnrollmentOnboardingType> {
    await this.visible(enrollment, ctx);
    const loaders = this.program.for(ctx);
    const [tasks, completions] = await Promise.all([
      loaders.checklist.load(enrollment.cohortId),
      loaders.completions.load(enrollment.id),
    ]);
    return { ...onboardingProgress(tasks, completions), completedAt: enrollment.onboardingCompletedAt };
  }

  @ResolveField(() => InternCalendarType, {
    description:
      "The intern's own calendar: the cohort's weeks with their extension inserted and their later due dates moved",
  })
  async calendar(
    @Parent() enrollment: EnrollmentSnapshot,
    @Context() ctx: GraphQLRequestContext,
  ): Promise<InternCalendar> {
    await this.visible(enrollment, ctx);
    const [cohort, grants] = await Promise.all([
      this.cohortOf(ctx, enrollment.cohortId),
      this.program.for(ctx).extensions.load(enrollment.id),
    ]);
    return internCalendar(cohort.startDate, cohort.weeks, cohort.timezone, grants);
  }

  @ResolveField(() => [InternshipExtensionType], { description: 'Extensions in the order they were granted' })
  async extensions(
    @Parent() enrollment: EnrollmentSnapshot,
    @Context() ctx: GraphQLRequestContext,
  ): Promise<ExtensionRecord[]> {
    await this.visible(enrollment, ctx);
    return this.program.for(ctx).extensions.load(enrollment.id);
  }

  @ResolveField(() => PresentationSlotType, { nullable: true, description: 'The presentation slot the intern booked' })
  async presentationSlot(
    @Parent() enrollment: EnrollmentSnapshot,
    @Context() ctx: GraphQLRequestContext,
  ): Promise<PresentationSlotSnapshot | null> {
    await this.visible(enrollment, ctx);
    return this.program.for(ctx).booking.load(`${enrollment.cohortId}/${enrollment.internId}`);
  }

  @ResolveField(() => ReturnOfferType, {
    description:
      'The return offer: the final recommendation and the decisions recorded (status null until then); never null',
  })
  async returnOffer(
    @Parent() enrollment: EnrollmentSnapshot,
    @Context() ctx: GraphQLRequestContext,
  ): Promise<ReturnOffer> {
    await this.visible(enrollment, ctx);
    const offer = returnOfferOf(enrollment);
    // The intern sees what became of their offer, not the mentor's recommendation (as in evaluations).
    const own = !isProgramManager(ctx.identity) && ctx.identity?.sub === enrollment.internId;
    return own ? { ...offer, recommendation: null } : offer;
  }

  @ResolveField(() => CohortType)
  async cohort(
    @Parent() enrollment: EnrollmentSnapshot,
    @Context() ctx: GraphQLRequestContext,
  ): Promise<CohortSnapshot> {
    return this.cohortOf(ctx, enrollment.cohortId);
  }

  @ResolveField(() => InternType)
  async intern(@Parent() enrollment: EnrollmentSnapshot, @Context() ctx: GraphQLRequestContext): Promise<InternView> {
    await this.visible(enrollment, ctx);
    const intern = await this.loaders.for(ctx).intern.load(enrollment.internId);
    if (!intern) throw new NotFoundError('Intern', enrollment.internId);
    return intern;
  }
}
