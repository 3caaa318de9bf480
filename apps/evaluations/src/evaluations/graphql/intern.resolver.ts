import { QueryBus } from '@nestjs/cqrs';
import { Args, Context, Parent, ResolveField, ResolveReference, Resolver } from '@nestjs/graphql';
import { Roles, type GraphQLRequestContext } from '#auth';
import { Access, requireIdentity } from '../../graphql/access.js';
import { InternType } from '../../graphql/intern.type.js';
import type { EvaluationCycle } from '../domain/evaluation-window.js';
import { EvaluationWindowsQuery } from '../queries/evaluation-windows/evaluation-windows.query.js';
import { EvaluationsQuery } from '../queries/evaluations/evaluations.query.js';
import { EvaluationCycleEnum } from './enums.js';
import { EvaluationType, EvaluationWindowType, evaluationView } from './evaluation.type.js';

/**
 * The evaluation fields this service adds to the Intern entity. The role guard checks roles
 * only; each field checks the caller's relationship to the intern itself: a caller who may not
 * see the intern gets empty lists.
 */
@Resolver(() => InternType)
@Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
export class InternEvaluationsResolver {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly access: Access,
  ) {}

  /** Apollo calls this as (reference, context, info): no parameter decorators here. */
  @ResolveReference()
  resolveReference(reference: { __typename: string; id: string }, context: GraphQLRequestContext): InternType {
    requireIdentity(context);
    return InternType.ref(reference.id);
  }

  @ResolveField('evaluations', () => [EvaluationType], {
    description: 'Mentor and self evaluations of the intern (empty when the caller may not see them)',
  })
  async evaluations(
    @Parent() intern: InternType,
    @Context() context: GraphQLRequestContext,
    @Args('cycle', { type: () => EvaluationCycleEnum, nullable: true }) cycle: EvaluationCycle | null,
  ): Promise<EvaluationType[]> {
    const caller = requireIdentity(context);
    if (!(await this.access.canSeeIntern(context, intern.id))) return [];
    const list = await this.queryBus.execute(new EvaluationsQuery(intern.id, cycle ?? null));
    const mentors = await this.access.mentorsOf(context, intern.id);
    return list.map((e) => evaluationView(e, caller, mentors));
  }

  @ResolveField('evaluationWindows', () => [EvaluationWindowType], {
    description: 'The intern’s MIDPOINT and FINAL evaluation windows (empty when the caller may not see them)',
  })
  async evaluationWindows(
    @Parent() intern: InternType,
    @Context() context: GraphQLRequestContext,
  ): Promise<EvaluationWindowType[]> {
    requireIdentity(context);
    if (!(await this.access.canSeeIntern(context, intern.id))) return [];
    return this.queryBus.execute(new EvaluationWindowsQuery(intern.id));
  }
}
