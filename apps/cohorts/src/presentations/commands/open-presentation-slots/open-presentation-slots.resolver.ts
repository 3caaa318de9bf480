import { commandMutation } from '#platform';
import { PresentationSlotType } from '../../graphql/presentation-slot.type.js';
import { OpenPresentationSlotsCommand } from './open-presentation-slots.command.js';
import { OpenPresentationSlotsInput } from './open-presentation-slots.input.js';

export const OpenPresentationSlotsResolver = commandMutation(OpenPresentationSlotsInput, () => [PresentationSlotType], {
  roles: ['PROGRAM_MANAGER'],
  description:
    'Opens final-presentation slots in the presentations week, with panels of registered mentors (program managers)',
  command: (input, user) => new OpenPresentationSlotsCommand(input.cohortId, input.slots, user),
});
