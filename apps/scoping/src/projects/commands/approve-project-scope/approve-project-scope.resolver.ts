import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import type { Identity } from '#platform';
import { ProjectType } from '../../graphql/project.type.js';
import { projectView } from '../../graphql/views.js';
import { ApproveProjectScopeCommand } from './approve-project-scope.command.js';
import { ApproveProjectScopeInput } from './approve-project-scope.input.js';

@Resolver()
export class ApproveProjectScopeResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation(() => ProjectType, {
    description: 'The intern’s primary mentor approves the submitted scope version: it comes into force',
  })
  @Roles('MENTOR')
  async approveProjectScope(
    @Args('input', { type: () => ApproveProjectScopeInput }) input: ApproveProjectScopeInput,
    @CurrentUser() caller: Identity,
  ): Promise<ProjectType> {
    return projectView(
      await this.commands.execute(new ApproveProjectScopeCommand(input.projectId, input.expectedRevision, caller)),
    );
  }
}
