import { commandMutation } from '#platform';
import { ProjectType } from '../../graphql/project.type.js';
import { projectView } from '../../graphql/views.js';
import { SubmitProjectScopeCommand } from './submit-project-scope.command.js';
import { SubmitProjectScopeInput } from './submit-project-scope.input.js';

export const SubmitProjectScopeResolver = commandMutation(SubmitProjectScopeInput, () => ProjectType, {
  roles: ['INTERN'],
  description:
    'The intern submits the latest scope version (DRAFT or CHANGES_REQUESTED) for their primary mentor’s approval',
  command: (input, caller) => new SubmitProjectScopeCommand(input.projectId, input.expectedRevision, caller),
  view: projectView,
});
