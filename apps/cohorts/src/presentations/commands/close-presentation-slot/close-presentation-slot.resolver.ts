import { commandMutation } from '#platform';
import { PresentationSlotType } from '../../graphql/presentation-slot.type.js';
import { ClosePresentationSlotCommand } from './close-presentation-slot.command.js';
import { ClosePresentationSlotInput } from './close-presentation-slot.input.js';

export const ClosePresentationSlotResolver = commandMutation(ClosePresentationSlotInput, () => PresentationSlotType, {
  roles: ['PROGRAM_MANAGER'],
  description:
    'Closes a presentation slot that has not started: no more bookings; a booked intern is released to book another (program managers)',
  command: (input, user) => new ClosePresentationSlotCommand(input.slotId, input.reason, user),
});
