import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import type { Identity } from '#platform';
import { ProjectType } from '../../graphql/project.type.js';
import { projectView } from '../../graphql/views.js';
import { RequestScopeChangesCommand } from './request-scope-changes.command.js';
import { RequestScopeChangesInput } from './request-scope-changes.input.js';

@Resolver()
export class RequestScopeChangesResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation(() => ProjectType, {
    description: 'The intern’s primary mentor sends the submitted scope version back with feedback (CHANGES_REQUESTED)',
  })
  @Roles('MENTOR')
  async requestScopeChanges(
    @Args('input', { type: () => RequestScopeChangesInput }) input: RequestScopeChangesInput,
    @CurrentUser() caller: Identity,
  ): Promise<ProjectType> {
    return projectView(
      await this.commands.execute(
        new RequestScopeChangesCommand(input.projectId, input.feedback, input.expectedRevision, caller),
      ),
    );
  }
}
