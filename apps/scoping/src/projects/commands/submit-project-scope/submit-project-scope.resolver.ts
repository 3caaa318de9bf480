import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import type { Identity } from '#platform';
import { ProjectType } from '../../graphql/project.type.js';
import { projectView } from '../../graphql/views.js';
import { SubmitProjectScopeCommand } from './submit-project-scope.command.js';
import { SubmitProjectScopeInput } from './submit-project-scope.input.js';

@Resolver()
export class SubmitProjectScopeResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation(() => ProjectType, {
    description:
      'The intern submits the latest scope version (DRAFT or CHANGES_REQUESTED) for their primary mentor’s approval',
  })
  @Roles('INTERN')
  async submitProjectScope(
    @Args('input', { type: () => SubmitProjectScopeInput }) input: SubmitProjectScopeInput,
    @CurrentUser() caller: Identity,
  ): Promise<ProjectType> {
    return projectView(
      await this.commands.execute(new SubmitProjectScopeCommand(input.projectId, input.expectedRevision, caller)),
    );
  }
}
