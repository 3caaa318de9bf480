import { Injectable } from '@nestjs/common';
import type { GraphQLRequestContext } from '#auth';
import { NotFoundError } from '#ddd';
import type { CohortSnapshot } from '../../cohorts/domain/cohort.js';
import { CohortLoaders } from './cohort.loaders.js';
import { ProgramLoaders } from './program.loaders.js';

/**
 * What the field and reference resolvers of the cohorts service read through: the per-request
 * loaders of cohorts and enrollments (`loaders`, with the visibility checks) and of the program
 * (`program`: talks, slots, checklists, extensions). A fields resolver extends it.
 */
@Injectable()
export abstract class CohortsFieldsResolver {
  constructor(
    protected readonly loaders: CohortLoaders,
    protected readonly program: ProgramLoaders,
  ) {}

  /** The cohort a talk, slot or enrollment belongs to: it always exists (NOT_FOUND otherwise). */
  protected async cohortOf(ctx: GraphQLRequestContext, cohortId: string): Promise<CohortSnapshot> {
    const cohort = await this.loaders.for(ctx).cohort.load(cohortId);
    if (!cohort) throw new NotFoundError('Cohort', cohortId);
    return cohort;
  }
}
