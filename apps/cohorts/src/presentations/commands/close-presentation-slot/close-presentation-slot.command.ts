import { Command } from '@nestjs/cqrs';
import type { Identity } from '#platform';
import type { PresentationSlotSnapshot } from '../../domain/presentation-slot.js';

export class ClosePresentationSlotCommand extends Command<PresentationSlotSnapshot> {
  constructor(
    readonly slotId: string,
    readonly reason: string,
    readonly actor: Identity,
  ) {
    super();
  }
}
