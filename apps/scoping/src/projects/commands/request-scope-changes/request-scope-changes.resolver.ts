import { commandMutation } from '#platform';
import { ProjectType } from '../../graphql/project.type.js';
import { projectView } from '../../graphql/views.js';
import { RequestScopeChangesCommand } from './request-scope-changes.command.js';
import { RequestScopeChangesInput } from './request-scope-changes.input.js';

export const RequestScopeChangesResolver = commandMutation(RequestScopeChangesInput, () => ProjectType, {
  roles: ['MENTOR', 'PROGRAM_MANAGER'],
  description:
    'The intern’s primary mentor (a program manager while the intern has none) sends the submitted scope version back with feedback (CHANGES_REQUESTED)',
  command: (input, caller) =>
    new RequestScopeChangesCommand(input.projectId, input.feedback, input.expectedRevision, caller),
  view: projectView,
});
