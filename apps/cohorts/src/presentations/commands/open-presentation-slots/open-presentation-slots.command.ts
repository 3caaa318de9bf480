import { Command } from '@nestjs/cqrs';
import type { Identity } from '#platform';
import type { PresentationSlotInput, PresentationSlotSnapshot } from '../../domain/presentation-slot.js';

export class OpenPresentationSlotsCommand extends Command<PresentationSlotSnapshot[]> {
  constructor(
    readonly cohortId: string,
    readonly slots: PresentationSlotInput[],
    readonly actor: Identity,
  ) {
    super();
  }
}
