import { commandMutation } from '#platform';
import { ProjectType } from '../../graphql/project.type.js';
import { projectView } from '../../graphql/views.js';
import { ApproveProjectScopeCommand } from './approve-project-scope.command.js';
import { ApproveProjectScopeInput } from './approve-project-scope.input.js';

export const ApproveProjectScopeResolver = commandMutation(ApproveProjectScopeInput, () => ProjectType, {
  roles: ['MENTOR', 'PROGRAM_MANAGER'],
  description:
    'The intern’s primary mentor (a program manager while the intern has none) approves the submitted scope version: it comes into force',
  command: (input, caller) => new ApproveProjectScopeCommand(input.projectId, input.expectedRevision, caller),
  view: projectView,
});
