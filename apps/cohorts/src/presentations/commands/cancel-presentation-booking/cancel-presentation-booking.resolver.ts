import { commandMutation } from '#platform';
import { PresentationSlotType } from '../../graphql/presentation-slot.type.js';
import { CancelPresentationBookingCommand } from './cancel-presentation-booking.command.js';
import { CancelPresentationBookingInput } from './cancel-presentation-booking.input.js';

export const CancelPresentationBookingResolver = commandMutation(
  CancelPresentationBookingInput,
  () => PresentationSlotType,
  {
    roles: ['INTERN', 'PROGRAM_MANAGER'],
    description: 'Cancels a presentation booking before the slot starts: your own (interns) or any (program managers)',
    command: (input, user) => new CancelPresentationBookingCommand(input.slotId, user),
  },
);
