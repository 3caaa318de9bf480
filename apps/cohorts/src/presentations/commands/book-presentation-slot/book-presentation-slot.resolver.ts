import { commandMutation } from '#platform';
import { PresentationSlotType } from '../../graphql/presentation-slot.type.js';
import { BookPresentationSlotCommand } from './book-presentation-slot.command.js';
import { BookPresentationSlotInput } from './book-presentation-slot.input.js';

export const BookPresentationSlotResolver = commandMutation(BookPresentationSlotInput, () => PresentationSlotType, {
  roles: ['INTERN'],
  description:
    'Books a free presentation slot in your presentations week: one booking per intern, one intern per slot (interns)',
  command: (input, user) => new BookPresentationSlotCommand(input.slotId, user),
});
