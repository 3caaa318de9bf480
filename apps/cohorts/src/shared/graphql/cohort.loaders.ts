import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { GraphQLRequestContext } from '#auth';
import { PerRequest } from '#platform';
import type { CohortSnapshot } from '../../cohorts/domain/cohort.js';
import { internDetailsOf, type EnrollmentSnapshot, type InternDetails } from '../../enrollments/domain/enrollment.js';
import { CohortReadRepository } from '../../cohorts/persistence/cohort-read.repository.js';
import { MentorAssignmentRepository } from '../../mentors/persistence/mentor-assignment.repository.js';
import { pageLoader, type PageKey } from './page.loaders.js';
import { canSeeBooker, canSeeIntern, enrollmentFilter, needsMentorsOf } from './visibility.js';

/** An intern's profile: the details given with their latest enrollment. */
export type InternView = Omit<InternDetails, 'internId'> & { id: string };

export function internFromEnrollment(enrollment: EnrollmentSnapshot): InternView {
  const { internId, ...details } = internDetailsOf(enrollment);
  return { id: internId, ...details };
}

/** The DataLoaders of one GraphQL request. Visibility (an intern sees only their own enrollments) is built in. */
export interface RequestLoaders {
  cohort: DataLoader<string, CohortSnapshot | null>;
  intern: DataLoader<string, InternView | null>;
  enrollmentsOfIntern: DataLoader<string, EnrollmentSnapshot[]>;
  enrollmentCount: DataLoader<string, number>;
  /** A page of a cohort's enrollments, keyed by cohort id. */
  enrollmentPage: DataLoader<PageKey, EnrollmentSnapshot[], string>;
  /** Each intern's current mentors (this service's projection of assignments). */
  mentorsOfIntern: DataLoader<string, string[]>;
  /** Whether the intern's personal data was erased. */
  internErased: DataLoader<string, boolean>;
}

/**
 * Hands out one set of DataLoaders per request, cached in a WeakMap keyed by the GraphQL context
 * object (one per request in Mercurius), so that batching and caching never cross requests or
 * callers.
 */
@Injectable()
export class CohortLoaders {
  private readonly perRequest = new PerRequest((context: GraphQLRequestContext) => this.create(context));

  constructor(
    private readonly read: CohortReadRepository,
    private readonly assignments: MentorAssignmentRepository,
  ) {}

  /**
   * Whether the caller may see this intern's record: a program manager, the intern, or one of
   * their current mentors (looked up, batched per request, only for a mentor).
   */
  async canSeeIntern(context: GraphQLRequestContext, internId: string): Promise<boolean> {
    const { identity } = context;
    if (!needsMentorsOf(identity, internId)) return canSeeIntern(identity, internId);
    return canSeeIntern(identity, internId, await this.for(context).mentorsOfIntern.load(internId));
  }

  /** Whether the caller may see who booked a slot (see `canSeeBooker`). */
  async canSeeBooker(
    context: GraphQLRequestContext,
    slot: { bookedBy: string | null; panelMentorIds: readonly string[] },
  ): Promise<boolean> {
    const { identity } = context;
    if (!slot.bookedBy) return false;
    if (!needsMentorsOf(identity, slot.bookedBy) || slot.panelMentorIds.includes(identity.sub)) {
      return canSeeBooker(identity, slot);
    }
    return canSeeBooker(identity, slot, await this.for(context).mentorsOfIntern.load(slot.bookedBy));
  }

  for(context: GraphQLRequestContext): RequestLoaders {
    return this.perRequest.for(context);
  }

  private create(context: GraphQLRequestContext): RequestLoaders {
    const filter = enrollmentFilter(context.identity);
    return {
      cohort: new DataLoader(async (ids) => {
        const found = new Map((await this.read.findCohorts(ids)).map((c) => [c.id, c]));
        return ids.map((id) => found.get(id) ?? null);
      }),
      intern: new DataLoader(async (ids) => {
        const latest = await this.read.latestEnrollmentOfInterns(ids);
        return ids.map((id) => {
          const e = latest.get(id);
          return e ? internFromEnrollment(e) : null;
        });
      }),
      enrollmentsOfIntern: new DataLoader(async (ids) => {
        const byIntern = await this.read.enrollmentsOfInterns(ids);
        return ids.map((id) => byIntern.get(id) ?? []);
      }),
      enrollmentCount: new DataLoader(async (cohortIds) => {
        const counts = await this.read.countEnrollments(cohortIds, filter);
        return cohortIds.map((id) => counts.get(id) ?? 0);
      }),
      // One query per distinct page request (size and cursor), each covering all its cohorts.
      enrollmentPage: pageLoader((cohortIds, page) => this.read.enrollmentPages(cohortIds, page, filter)),
      mentorsOfIntern: new DataLoader(async (ids) => {
        const byIntern = await this.assignments.activeMentorsOf(ids);
        return ids.map((id) => byIntern.get(id) ?? []);
      }),
      internErased: new DataLoader(async (ids) => {
        const erased = await this.read.erasedInterns(ids);
        return ids.map((id) => erased.has(id));
      }),
    };
  }
}
