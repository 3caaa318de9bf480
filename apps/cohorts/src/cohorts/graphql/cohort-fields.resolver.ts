import { Args, Context, Int, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Roles, type GraphQLRequestContext } from '#auth';
import { PageArgs, pagedConnection, type Connection } from '#platform';
import { cohortCalendar, type CohortCalendar } from '#calendar';
import type { CohortSnapshot } from '../domain/cohort.js';
import type { EnrollmentSnapshot } from '../../enrollments/domain/enrollment.js';
import { checkEnrollmentCursor } from '../persistence/cohort-read.repository.js';
import { CohortCalendarType } from './calendar.type.js';
import type { OnboardingTask } from '../../onboarding/domain/onboarding.js';
import { CohortType } from './cohort.type.js';
import { EnrollmentConnection } from '../../shared/graphql/connections.js';
import { OnboardingTaskType } from '../../onboarding/graphql/onboarding.type.js';
import { canReadCohorts } from '../../shared/graphql/visibility.js';
import { CohortsFieldsResolver } from '../../shared/graphql/cohorts-fields.resolver.js';

/** The calendar as the Cohort.calendar field returns it: its talks and slots resolve from the cohort id. */
export type CohortCalendarView = CohortCalendar & { cohortId: string };

/** The computed fields of `Cohort` and its federation reference resolver. */
@Resolver(() => CohortType)
@Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
export class CohortFieldsResolver extends CohortsFieldsResolver {
  @ResolveField(() => CohortCalendarType, {
    description: 'Weeks with dates and phases, the key dates, the tech talks and the presentation slots',
  })
  calendar(@Parent() cohort: CohortSnapshot): CohortCalendarView {
    return { ...cohortCalendar(cohort.startDate, cohort.weeks, cohort.timezone), cohortId: cohort.id };
  }

  @ResolveField(() => [OnboardingTaskType], {
    description: 'The onboarding checklist every intern of the cohort works through (editable until the cohort starts)',
  })
  async onboardingChecklist(
    @Parent() cohort: CohortSnapshot,
    @Context() ctx: GraphQLRequestContext,
  ): Promise<OnboardingTask[]> {
    if (!canReadCohorts(ctx.identity)) return [];
    return this.program.for(ctx).checklist.load(cohort.id);
  }

  @ResolveField(() => Int, { description: 'Places not yet taken' })
  placesLeft(@Parent() cohort: CohortSnapshot): number {
    return Math.max(0, cohort.capacity - cohort.enrolledCount);
  }

  @ResolveField(() => EnrollmentConnection, {
    description: 'Enrollments in the order they were made; an intern sees only their own',
  })
  async enrollments(
    @Parent() cohort: CohortSnapshot,
    @Args() page: PageArgs,
    @Context() ctx: GraphQLRequestContext,
  ): Promise<Connection<EnrollmentSnapshot>> {
    const loaders = this.loaders.for(ctx);
    return pagedConnection(
      page,
      async ({ limit, after }) => {
        // Checked here rather than in the batch, so that one bad cursor fails only its own field.
        checkEnrollmentCursor(after);
        const [rows, totalCount] = await Promise.all([
          loaders.enrollmentPage.load({ ownerId: cohort.id, limit, after }),
          loaders.enrollmentCount.load(cohort.id),
        ]);
        return { rows, totalCount };
      },
      (e) => ({ sort: e.enrolledAt.toISOString(), id: e.id }),
    );
  }

  @ResolveReference()
  async resolveReference(
    @Parent() reference: { id: string },
    @Context() ctx: GraphQLRequestContext,
  ): Promise<CohortSnapshot | null> {
    if (!canReadCohorts(ctx.identity)) return null;
    return this.loaders.for(ctx).cohort.load(reference.id);
  }
}
