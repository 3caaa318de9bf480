import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Roles, type GraphQLRequestContext } from '#auth';
import { Access, requireIdentity } from '../../graphql/access.js';
import { InternType } from '../../graphql/intern.type.js';
import { ProgramRepository } from '../../program/persistence/program.repository.js';
import { ProgressReadRepository } from '../persistence/progress-read.repository.js';
import { InternProgressType, progressView } from './intern-progress.type.js';

@Resolver(() => InternType)
@Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
export class InternProgressFieldResolver {
  constructor(
    private readonly progress: ProgressReadRepository,
    private readonly program: ProgramRepository,
    private readonly access: Access,
  ) {}

  @ResolveField('progress', () => InternProgressType, {
    nullable: true,
    description:
      'The intern’s progress and risk in their current (or latest) cohort; null when the caller may not see it',
  })
  async progressField(
    @Parent() intern: InternType,
    @Context() context: GraphQLRequestContext,
  ): Promise<InternProgressType | null> {
    const caller = requireIdentity(context);
    if (!(await this.access.canSeeIntern(context, intern.id))) return null;
    const rows = await this.progress.forIntern(intern.id);
    if (rows.length === 0) return null;
    const current = await this.program.currentEnrollment(intern.id);
    const row = rows.find((r) => r.cohortId === current?.cohortId) ?? rows.at(-1)!;
    return progressView(row, caller);
  }
}
