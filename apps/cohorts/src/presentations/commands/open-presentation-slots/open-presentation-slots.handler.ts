import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { NotFoundError, requiredId } from '#ddd';
import { internCalendar, presentationsWindow } from '#calendar';
import {
  PresentationSlot,
  validatePresentationSlotsInput,
  type PresentationSlotSnapshot,
  type PresentationWindow,
} from '../../domain/presentation-slot.js';
import { OpenPresentationSlotsCommand } from './open-presentation-slots.command.js';
import { CohortsCommandHandler } from '../../../shared/commands/cohorts-command-handler.js';

/**
 * Opens final-presentation slots: in the cohort's presentations week (or an extended intern's),
 * with panels of registered mentors (the projection of MentorRegistered). The cohort row is
 * locked, so that slots opened at the same time are checked against each other; the slots and a
 * `PresentationSlotOpened` each commit together. Bad slots are refused before any transaction or
 * lock; what needs stored state (registered mentors, presentations weeks, the cohort's clock and
 * slots) is checked inside (PresentationSlot.open).
 */
@CommandHandler(OpenPresentationSlotsCommand)
export class OpenPresentationSlotsHandler
  extends CohortsCommandHandler
  implements ICommandHandler<OpenPresentationSlotsCommand>
{
  async execute({ cohortId, slots: inputs, actor }: OpenPresentationSlotsCommand): Promise<PresentationSlotSnapshot[]> {
    const id = requiredId('cohortId', cohortId);
    const panel = validatePresentationSlotsInput(inputs).flatMap((s) => s.panelMentorIds);
    return this.uow.run(async ({ tx, track }) => {
      const found = await this.cohorts.findById(tx, id, { forUpdate: true });
      if (!found) throw new NotFoundError('Cohort', id);
      const cohort = found.toSnapshot();
      const windows: PresentationWindow[] = [presentationsWindow(found.calendar())];
      for (const grants of (await this.enrollments.extendedOf(tx, id)).values()) {
        const window = presentationsWindow(internCalendar(cohort.startDate, cohort.weeks, cohort.timezone, grants));
        if (!windows.some((w) => w.startsOn === window.startsOn)) windows.push(window);
      }
      const opened = PresentationSlot.open(inputs, {
        newId: randomUUID,
        cohort,
        windows: windows.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()),
        registeredMentorIds: await this.mentors.registered(tx, [...new Set(panel)]),
        existing: await this.slots.ofCohort(tx, id),
        now: this.clock.now(),
        openedBy: actor.sub,
      });
      await this.slots.insertMany(tx, opened);
      opened.forEach(track);
      return opened.map((s) => s.toSnapshot());
    });
  }
}
