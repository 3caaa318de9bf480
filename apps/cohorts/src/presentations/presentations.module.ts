import { Module } from '@nestjs/common';
import { OpenPresentationSlotsHandler } from './commands/open-presentation-slots/open-presentation-slots.handler.js';
import { OpenPresentationSlotsResolver } from './commands/open-presentation-slots/open-presentation-slots.resolver.js';
import { BookPresentationSlotHandler } from './commands/book-presentation-slot/book-presentation-slot.handler.js';
import { BookPresentationSlotResolver } from './commands/book-presentation-slot/book-presentation-slot.resolver.js';
import { CancelPresentationBookingHandler } from './commands/cancel-presentation-booking/cancel-presentation-booking.handler.js';
import { CancelPresentationBookingResolver } from './commands/cancel-presentation-booking/cancel-presentation-booking.resolver.js';
import { ClosePresentationSlotHandler } from './commands/close-presentation-slot/close-presentation-slot.handler.js';
import { ClosePresentationSlotResolver } from './commands/close-presentation-slot/close-presentation-slot.resolver.js';
import { PresentationSlotFieldsResolver } from './graphql/presentation-slot.resolver.js';

/** Final presentations: opening and closing slots, booking and cancelling them, PresentationSlot's fields. */
@Module({
  providers: [
    OpenPresentationSlotsHandler,
    OpenPresentationSlotsResolver,
    BookPresentationSlotHandler,
    BookPresentationSlotResolver,
    CancelPresentationBookingHandler,
    CancelPresentationBookingResolver,
    ClosePresentationSlotHandler,
    ClosePresentationSlotResolver,
    PresentationSlotFieldsResolver,
  ],
})
export class PresentationsModule {}
