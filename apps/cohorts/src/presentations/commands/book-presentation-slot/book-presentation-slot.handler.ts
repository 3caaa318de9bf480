import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConflictError, ForbiddenError, NotFoundError, requiredId } from '#ddd';
import { onUniqueViolation } from '#platform';
import { internCalendar, presentationsWindow } from '#calendar';
import type { PresentationSlotSnapshot } from '../../domain/presentation-slot.js';
import { programTime } from '../../../shared/domain/program-time.js';
import { BookPresentationSlotCommand } from './book-presentation-slot.command.js';
import { CohortsCommandHandler } from '../../../shared/commands/cohorts-command-handler.js';

/**
 * An intern (the caller) books a presentation slot of their cohort. The rules are the domain's
 * (PresentationSlot.book); the race is the database's: the slot is claimed with a conditional
 * update, so of two concurrent bookings of one slot exactly one succeeds and the other is a
 * CONFLICT, and the partial unique index keeps one booking per intern.
 */
@CommandHandler(BookPresentationSlotCommand)
export class BookPresentationSlotHandler
  extends CohortsCommandHandler
  implements ICommandHandler<BookPresentationSlotCommand>
{
  async execute({ slotId, actor }: BookPresentationSlotCommand): Promise<PresentationSlotSnapshot> {
    const id = requiredId('slotId', slotId);
    return this.uow.run(async ({ tx, track }) => {
      const slot = track(await this.slots.find(tx, id));
      if (!slot) throw new NotFoundError('PresentationSlot', id);
      const { cohortId } = slot.toSnapshot();
      // The enrollment is locked: a withdrawal or an extension of the intern waits for the booking.
      const enrollment = await this.enrollments.find(tx, cohortId, actor.sub, { forUpdate: true });
      if (!enrollment) throw new ForbiddenError("only interns enrolled in the slot's cohort can book it");
      const cohort = (await this.cohorts.findById(tx, cohortId))!.toSnapshot();
      const grants = await this.enrollments.extensionsOf(tx, enrollment.id);
      const current = await this.slots.bookingOf(tx, cohortId, actor.sub);
      const now = this.clock.now();
      const booked = slot.book(actor.sub, {
        enrollmentStatus: enrollment.status,
        cohortStatus: cohort.status,
        presentationsWeek: presentationsWindow(internCalendar(cohort.startDate, cohort.weeks, cohort.timezone, grants)),
        timezone: cohort.timezone,
        currentBooking: current ? current.toSnapshot() : null,
        programNow: programTime(cohort, now),
        now,
      });
      if (!booked) return slot.toSnapshot();
      const claimed = await onUniqueViolation(
        this.slots.claim(tx, slot),
        () => new ConflictError('you already booked a presentation slot in this cohort: one booking per intern'),
      );
      if (!claimed) throw new ConflictError('the slot is already booked by another intern');
      return slot.toSnapshot();
    });
  }
}
