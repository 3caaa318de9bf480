import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConflictError, NotFoundError, requiredId } from '#ddd';
import type { PresentationSlotSnapshot } from '../../domain/presentation-slot.js';
import { programTime } from '../../../shared/domain/program-time.js';
import { reasonField } from '../../../shared/domain/text-fields.js';
import { ClosePresentationSlotCommand } from './close-presentation-slot.command.js';
import { CohortsCommandHandler } from '../../../shared/commands/cohorts-command-handler.js';

/**
 * Closes a presentation slot that has not started (a program manager): it takes no booking any
 * more. A booked intern's booking is released (`PresentationBookingCancelled`; they may book
 * another open slot) and `PresentationSlotClosed` names them; all commit together. The slot is
 * closed with a conditional update, so a booking racing the closing either lands first (and is
 * released) or is refused. A blank reason is refused before any transaction; closing twice is CONFLICT.
 */
@CommandHandler(ClosePresentationSlotCommand)
export class ClosePresentationSlotHandler
  extends CohortsCommandHandler
  implements ICommandHandler<ClosePresentationSlotCommand>
{
  async execute({ slotId, reason, actor }: ClosePresentationSlotCommand): Promise<PresentationSlotSnapshot> {
    const id = requiredId('slotId', slotId);
    reasonField(reason, true);
    return this.uow.run(async ({ tx, track }) => {
      const found = await this.slots.find(tx, id);
      if (!found) throw new NotFoundError('PresentationSlot', id);
      const { cohortId, bookedBy } = found.toSnapshot();
      // As cancelling a booking does: the booked intern's enrollment is locked first.
      if (bookedBy) await this.enrollments.find(tx, cohortId, bookedBy, { forUpdate: true });
      const slot = track((await this.slots.find(tx, id))!);
      const before = slot.bookedBy;
      const cohort = (await this.cohorts.findById(tx, cohortId))!.toSnapshot();
      const now = this.clock.now();
      slot.close(reason, { programNow: programTime(cohort, now), now, closedBy: actor.sub });
      if (!(await this.slots.close(tx, slot, before))) throw new ConflictError('the slot changed meanwhile: try again');
      return slot.toSnapshot();
    });
  }
}
