import { commandMutation } from '#platform';
import { ProjectType } from '../../graphql/project.type.js';
import { projectView } from '../../graphql/views.js';
import { DraftProjectScopeCommand } from './draft-project-scope.command.js';
import { DraftProjectScopeInput } from './draft-project-scope.input.js';

export const DraftProjectScopeResolver = commandMutation(DraftProjectScopeInput, () => ProjectType, {
  roles: ['INTERN'],
  description:
    'The intern drafts their project scope: the first draft creates the project (version 1); while the latest version is DRAFT or CHANGES_REQUESTED it is edited; on an approved scope it opens version N+1, the approved one staying in force until N+1 is approved. Needs expectedRevision once the project exists.',
  command: ({ expectedRevision, ...scope }, caller) => new DraftProjectScopeCommand(scope, expectedRevision, caller),
  view: projectView,
});
