import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import type { Identity } from '#platform';
import { ProjectType } from '../../graphql/project.type.js';
import { projectView } from '../../graphql/views.js';
import { DraftProjectScopeCommand } from './draft-project-scope.command.js';
import { DraftProjectScopeInput } from './draft-project-scope.input.js';

@Resolver()
export class DraftProjectScopeResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation(() => ProjectType, {
    description:
      'The intern drafts their project scope: the first draft creates the project (version 1); while the latest version is DRAFT or CHANGES_REQUESTED it is edited; on an approved scope it opens version N+1, the approved one staying in force until N+1 is approved. Needs expectedRevision once the project exists.',
  })
  @Roles('INTERN')
  async draftProjectScope(
    @Args('input', { type: () => DraftProjectScopeInput }) input: DraftProjectScopeInput,
    @CurrentUser() caller: Identity,
  ): Promise<ProjectType> {
    const { expectedRevision, ...scope } = input;
    return projectView(await this.commands.execute(new DraftProjectScopeCommand(scope, expectedRevision, caller)));
  }
}
