import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConflictError, NotFoundError, requiredId } from '#ddd';
import { hasRole } from '#auth';
import type { PresentationSlotSnapshot } from '../../domain/presentation-slot.js';
import { programTime } from '../../../shared/domain/program-time.js';
import { CancelPresentationBookingCommand } from './cancel-presentation-booking.command.js';
import { CohortsCommandHandler } from '../../../shared/commands/cohorts-command-handler.js';

/**
 * Cancels a booking before the slot starts, by the intern who made it or a program manager; the
 * slot is free again (to rebook, book another slot). `PresentationBookingCancelled` commits with it.
 */
@CommandHandler(CancelPresentationBookingCommand)
export class CancelPresentationBookingHandler
  extends CohortsCommandHandler
  implements ICommandHandler<CancelPresentationBookingCommand>
{
  async execute({ slotId, actor }: CancelPresentationBookingCommand): Promise<PresentationSlotSnapshot> {
    const id = requiredId('slotId', slotId);
    return this.uow.run(async ({ tx, track }) => {
      const found = await this.slots.find(tx, id);
      if (!found) throw new NotFoundError('PresentationSlot', id);
      const { cohortId, bookedBy } = found.toSnapshot();
      const asManager = hasRole(actor, 'PROGRAM_MANAGER');
      if (bookedBy) await this.enrollments.find(tx, cohortId, bookedBy, { forUpdate: true });
      const slot = track((await this.slots.find(tx, id))!);
      const cohort = (await this.cohorts.findById(tx, cohortId))!.toSnapshot();
      const internId = slot.cancelBooking(asManager ? null : actor.sub, programTime(cohort, this.clock.now()));
      if (!(await this.slots.release(tx, id, internId)))
        throw new ConflictError('the booking changed meanwhile: try again');
      return slot.toSnapshot();
    });
  }
}
