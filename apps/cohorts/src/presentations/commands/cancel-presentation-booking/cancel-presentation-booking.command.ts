import { Command } from '@nestjs/cqrs';
import type { Identity } from '#platform';
import type { PresentationSlotSnapshot } from '../../domain/presentation-slot.js';

export class CancelPresentationBookingCommand extends Command<PresentationSlotSnapshot> {
  constructor(
    readonly slotId: string,
    readonly actor: Identity,
  ) {
    super();
  }
}
