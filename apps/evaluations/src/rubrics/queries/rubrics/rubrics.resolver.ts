import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '#auth';
import { RUBRIC_KINDS, type RubricKind } from '../../domain/rubric.js';
import { RubricKindEnum, RubricType, toRubricType } from '../../graphql/rubric.type.js';
import { RubricRepository } from '../../persistence/rubric.repository.js';

/** The program's rubrics: open to every role (interns self-evaluate against the same rubric). */
@Resolver(() => RubricType)
export class RubricsResolver {
  constructor(private readonly repository: RubricRepository) {}

  @Query(() => [RubricType], {
    description: 'The program rubric and the presentation rubric: the defaults, or those in force for a cohort',
  })
  @Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
  async rubrics(@Args('cohortId', { type: () => ID, nullable: true }) cohortId?: string | null): Promise<RubricType[]> {
    return Promise.all(RUBRIC_KINDS.map(async (kind) => toRubricType(await this.repository.effective(cohortId, kind))));
  }

  @Query(() => RubricType, { description: 'One rubric by kind (for a cohort: the one in force there)' })
  @Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
  async rubric(
    @Args('kind', { type: () => RubricKindEnum }) kind: RubricKind,
    @Args('cohortId', { type: () => ID, nullable: true }) cohortId?: string | null,
  ): Promise<RubricType> {
    return toRubricType(await this.repository.effective(cohortId, kind));
  }
}
