import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConflictError, NotFoundError, requiredId } from '#ddd';
import { CohortStatus, type CohortSnapshot } from '../../../cohorts/domain/cohort.js';
import { validateChecklist, validateChecklistInput } from '../../domain/onboarding.js';
import { SetOnboardingChecklistCommand } from './set-onboarding-checklist.command.js';
import { CohortsCommandHandler } from '../../../shared/commands/cohorts-command-handler.js';

/**
 * Replaces a cohort's onboarding checklist, only before the cohort starts (CONFLICT after):
 * from the first day every intern works through the same list. Tasks given with their `id` keep
 * it; new ones get one. A bad checklist is refused before any transaction or lock; whether each
 * given id is a task of the cohort is checked inside.
 */
@CommandHandler(SetOnboardingChecklistCommand)
export class SetOnboardingChecklistHandler
  extends CohortsCommandHandler
  implements ICommandHandler<SetOnboardingChecklistCommand>
{
  async execute({ cohortId, tasks }: SetOnboardingChecklistCommand): Promise<CohortSnapshot> {
    const id = requiredId('cohortId', cohortId);
    validateChecklistInput(tasks);
    return this.uow.run(async ({ tx }) => {
      // The clock locks the cohort row to start it: an edit lands before the start or not at all.
      const cohort = await this.cohorts.findById(tx, id, { forUpdate: true });
      if (!cohort) throw new NotFoundError('Cohort', id);
      const current = await this.cohorts.checklist(tx, id);
      const valid = validateChecklist(tasks, new Set(current.map((t) => t.id)));
      const now = this.clock.now();
      if (cohort.status !== CohortStatus.SCHEDULED || cohort.programTime(now) >= cohort.startsAt) {
        throw new ConflictError(
          `cohort ${id} is ${cohort.status === CohortStatus.SCHEDULED ? 'starting' : cohort.status}: its onboarding checklist can be edited only before it starts`,
        );
      }
      await this.cohorts.replaceChecklist(
        tx,
        id,
        valid.map((t, i) => ({
          id: t.id ?? randomUUID(),
          cohortId: id,
          position: i + 1,
          title: t.title,
          description: t.description,
        })),
      );
      return cohort.toSnapshot();
    });
  }
}
