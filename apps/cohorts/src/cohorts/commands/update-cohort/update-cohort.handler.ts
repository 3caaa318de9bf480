import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { NotFoundError, requiredId } from '#ddd';
import { totalExtensionWeeks } from '#calendar';
import { CohortStatus, DATE_FIELDS, validateCohortUpdate, type CohortSnapshot } from '../../domain/cohort.js';
import {
  ClockEventKind,
  dueClockEvents,
  extendedWeekEvents,
  type DueClockEvent,
} from '../../../program-clock/domain/program-clock.js';
import { CohortsCommandHandler } from '../../../shared/commands/cohorts-command-handler.js';
import { UpdateCohortCommand } from './update-cohort.command.js';

/**
 * The whole clock of a cohort that has not started, from its dates: its own events, then the
 * weeks after its end that its most extended intern (`extensionWeeks`) still needs.
 */
export function clockOf(
  cohort: Pick<CohortSnapshot, 'startDate' | 'weeks' | 'timezone'>,
  extensionWeeks: number,
): DueClockEvent[] {
  const own = dueClockEvents(cohort.startDate, cohort.weeks, cohort.timezone);
  const extended = extendedWeekEvents(cohort.startDate, cohort.weeks, cohort.timezone, extensionWeeks);
  return [
    ...own,
    ...extended.map(({ week, dueAt }, i) => ({
      seq: own.length + i + 1,
      kind: ClockEventKind.EXTENDED_WEEK_STARTED,
      week,
      phase: null,
      previousPhase: null,
      dueAt,
    })),
  ];
}

/**
 * A program manager changes a cohort (`updateCohort`). Bad input is refused before any
 * transaction. The cohort row is locked; when its start date, weeks or timezone change (only
 * while SCHEDULED: nothing of its clock has fired) its clock is written again from the new dates,
 * extended interns' weeks included, in the same transaction as the cohort and `CohortUpdated`.
 * Every other date of the service (the cohort's and each intern's calendar, program time) is
 * computed from the cohort row. Nothing changed: the cohort as it is, no event.
 */
@CommandHandler(UpdateCohortCommand)
export class UpdateCohortHandler extends CohortsCommandHandler implements ICommandHandler<UpdateCohortCommand> {
  async execute({ cohortId, input, actor }: UpdateCohortCommand): Promise<CohortSnapshot> {
    const id = requiredId('cohortId', cohortId);
    const now = this.clock.now();
    validateCohortUpdate(input, null, now);
    return this.uow.run(async ({ tx, track }) => {
      const cohort = track(await this.cohorts.findById(tx, id, { forUpdate: true }));
      if (!cohort) throw new NotFoundError('Cohort', id);
      // The start is judged in the cohort's zone only while its dates may change (else CONFLICT follows).
      const scheduled = cohort.status === CohortStatus.SCHEDULED;
      const changes = validateCohortUpdate(input, scheduled ? cohort.toSnapshot() : null, now);
      const changed = cohort.update(changes, actor.sub);
      if (changed.length === 0) return cohort.toSnapshot();
      await this.cohorts.update(tx, cohort, now);
      if (changed.some((f) => DATE_FIELDS.includes(f))) {
        const extended = await this.enrollments.extendedOf(tx, cohort.id);
        const most = Math.max(0, ...[...extended.values()].map(totalExtensionWeeks));
        await this.cohorts.deleteUnfiredClockEvents(tx, cohort.id);
        await this.cohorts.insertClockEvents(tx, cohort.id, clockOf(cohort.toSnapshot(), most));
      }
      return cohort.toSnapshot();
    });
  }
}
