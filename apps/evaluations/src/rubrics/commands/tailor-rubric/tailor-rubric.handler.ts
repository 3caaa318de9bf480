import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Clock, CLOCK, NotFoundError } from '#ddd';
import { evaluationWindow } from '../../../evaluations/domain/evaluation-window.js';
import { grantsOf, ProgramRepository } from '../../../program/persistence/program.repository.js';
import { RubricTailoringClosedError, tailoredRubric } from '../../domain/tailoring.js';
import { RubricRepository, type EffectiveRubric } from '../../persistence/rubric.repository.js';
import { EvaluationsUnitOfWork } from '../../../evaluations/commands/unit-of-work.js';
import { TailorRubricCommand } from './tailor-rubric.command.js';

/**
 * Validates the tailored rubric, then, with the cohort's clock row locked (the clock projection
 * waits), checks that no evaluation window of the cohort has opened yet: the first is the
 * earliest midpoint window of its interns (the cohort's midpoint week unless every intern was
 * extended before it). Otherwise CONFLICT, naming that window.
 */
@CommandHandler(TailorRubricCommand)
export class TailorRubricHandler implements ICommandHandler<TailorRubricCommand> {
  constructor(
    private readonly uow: EvaluationsUnitOfWork,
    private readonly program: ProgramRepository,
    private readonly rubrics: RubricRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, tailoredBy }: TailorRubricCommand): Promise<EffectiveRubric> {
    const rubric = tailoredRubric(input);
    const cohortId = input.cohortId.trim();
    return this.uow.run(async ({ tx }) => {
      const clock = await this.program.lockClock(tx, cohortId);
      if (!clock) throw new NotFoundError('Cohort', cohortId);
      if (clock.weeks) {
        const weeks = clock.weeks;
        const interns = (await this.program.internsOfCohort(tx, cohortId)).filter((i) => i.status === 'ENROLLED');
        // The first window of the cohort: its earliest intern midpoint (extensions only move them later).
        const first = (interns.length ? interns.map(grantsOf) : [[]])
          .map((grants) => evaluationWindow('MIDPOINT', { ...clock, weeks }, grants))
          .sort((a, b) => a.week - b.week)[0]!;
        if (first.status !== 'UPCOMING' || (await this.rubrics.cohortHasEvaluations(tx, cohortId)))
          throw new RubricTailoringClosedError(cohortId, first);
      }
      await this.rubrics.save(tx, cohortId, rubric, tailoredBy, this.clock.now());
      return { rubric, cohortId, tailored: true };
    });
  }
}
