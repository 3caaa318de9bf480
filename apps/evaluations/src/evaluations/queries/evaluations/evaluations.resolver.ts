import { QueryBus } from '@nestjs/cqrs';
import { Args, Context, ID, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles, type GraphQLRequestContext } from '#auth';
import type { Identity } from '#platform';
import { Access } from '../../../graphql/access.js';
import { requiredId } from '#ddd';
import type { EvaluationCycle } from '../../domain/evaluation-window.js';
import { EvaluationCycleEnum } from '../../graphql/enums.js';
import { EvaluationType, EvaluationWindowType, evaluationView } from '../../graphql/evaluation.type.js';
import { EvaluationWindowsQuery } from '../evaluation-windows/evaluation-windows.query.js';
import { EvaluationsQuery } from './evaluations.query.js';

/** An intern's evaluations and evaluation windows: program managers, the intern, the intern's mentors (empty for anyone else). */
@Resolver(() => EvaluationType)
export class EvaluationsResolver {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly access: Access,
  ) {}

  /**
   * Whether the caller may see the intern's evaluations. Anyone else gets an empty list, exactly
   * as for an intern who has none or does not exist: an id cannot be probed.
   */
  private allowed(context: GraphQLRequestContext, internId: string): Promise<boolean> {
    return this.access.canSeeIntern(context, internId);
  }

  @Query(() => [EvaluationType], {
    description:
      "An intern's mentor and self evaluations, oldest first (private comments and the return offer never for the intern); empty for anyone who may not see the intern",
  })
  @Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
  async evaluations(
    @Args('internId', { type: () => ID }) internId: string,
    @Args('cycle', { type: () => EvaluationCycleEnum, nullable: true }) cycle: EvaluationCycle | null,
    @CurrentUser() caller: Identity,
    @Context() context: GraphQLRequestContext,
  ): Promise<EvaluationType[]> {
    const id = requiredId('internId', internId);
    if (!(await this.allowed(context, id))) return [];
    const list = await this.queryBus.execute(new EvaluationsQuery(id, cycle ?? null));
    const mentors = await this.access.mentorsOf(context, id);
    return list.map((e) => evaluationView(e, caller, mentors));
  }

  @Query(() => [EvaluationWindowType], {
    description:
      "The intern's MIDPOINT and FINAL evaluation windows (their own weeks, moved by extensions); empty for anyone who may not see the intern",
  })
  @Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
  async evaluationWindows(
    @Args('internId', { type: () => ID }) internId: string,
    @Context() context: GraphQLRequestContext,
  ): Promise<EvaluationWindowType[]> {
    const id = requiredId('internId', internId);
    if (!(await this.allowed(context, id))) return [];
    return this.queryBus.execute(new EvaluationWindowsQuery(id));
  }
}
