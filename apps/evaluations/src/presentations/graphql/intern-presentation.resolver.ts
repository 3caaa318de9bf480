import { QueryBus } from '@nestjs/cqrs';
import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Roles, type GraphQLRequestContext } from '#auth';
import { Access, requireIdentity } from '../../graphql/access.js';
import { InternType } from '../../graphql/intern.type.js';
import { PresentationResultQuery } from '../queries/presentation-result/presentation-result.query.js';
import { PresentationResultType } from './presentation.type.js';

@Resolver(() => InternType)
@Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
export class InternPresentationResolver {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly access: Access,
  ) {}

  @ResolveField('presentation', () => PresentationResultType, {
    nullable: true,
    description:
      "The panel's scores of the intern's final presentation, averaged (null when the caller may not see them)",
  })
  async presentation(
    @Parent() intern: InternType,
    @Context() context: GraphQLRequestContext,
  ): Promise<PresentationResultType | null> {
    requireIdentity(context);
    if (!(await this.access.canSeeIntern(context, intern.id))) return null;
    return this.queryBus.execute(new PresentationResultQuery(intern.id));
  }
}
