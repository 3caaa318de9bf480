import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PresentationScoredV1 } from '#contracts';
import { type Clock, CLOCK, ConflictError, NotFoundError, requiredId } from '#ddd';
import { outgoing } from '#messaging';
import { ProgramRepository } from '../../../program/persistence/program.repository.js';
import { RubricRepository } from '../../../rubrics/persistence/rubric.repository.js';
import {
  assertPresentationHeld,
  validatePresentationInputShape,
  validatePresentationScores,
} from '../../domain/presentation-scores.js';
import { PresentationScoreOrmEntity } from '../../persistence/presentation-score.orm-entity.js';
import { PresentationScoreRepository } from '../../persistence/presentation-score.repository.js';
import { EvaluationsUnitOfWork } from '../../../evaluations/commands/unit-of-work.js';
import { ScorePresentationCommand } from './score-presentation.command.js';

/**
 * Only a mentor on the panel of the booked slot scores its presentation (a slot whose panel the
 * caller is not on answers NOT_FOUND exactly like a slot that does not exist, so slot ids cannot
 * be probed; a slot nobody booked is a CONFLICT), against the cohort's presentation rubric, once
 * the cohort clock has reached the slot's week. Input that is bad on its own opens no
 * transaction. A second call by the same mentor replaces their scores. PresentationScored goes
 * out with the mentor's average.
 */
@CommandHandler(ScorePresentationCommand)
export class ScorePresentationHandler implements ICommandHandler<ScorePresentationCommand> {
  constructor(
    private readonly uow: EvaluationsUnitOfWork,
    private readonly program: ProgramRepository,
    private readonly rubrics: RubricRepository,
    private readonly scores: PresentationScoreRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: ScorePresentationCommand): Promise<PresentationScoreOrmEntity> {
    const slotId = requiredId('slotId', command.slotId);
    validatePresentationInputShape(command.comments);
    return this.uow.run(async ({ tx, publish }) => {
      const slot = await this.program.lockSlot(tx, slotId);
      // One answer whether the slot is another panel's or does not exist at all.
      if (!slot || !slot.panelMentorIds.includes(command.mentorId)) {
        throw new NotFoundError('PresentationSlot', slotId);
      }
      const { rubric } = await this.rubrics.effective(slot.cohortId, 'PRESENTATION', tx);
      const valid = validatePresentationScores(rubric, command.scores, command.comments);
      if (!slot.internId) throw new ConflictError(`slot ${slotId} is not booked: there is no presentation to score`);
      assertPresentationHeld(slot, await this.program.clock(slot.cohortId, tx));
      const key = { slotId, internId: slot.internId, mentorId: command.mentorId };
      const previous = await this.scores.find(tx, key);
      const now = this.clock.now();
      const row: PresentationScoreOrmEntity = {
        ...key,
        cohortId: slot.cohortId,
        scores: valid.scores,
        averageScore: valid.averageScore,
        comments: valid.comments,
        scoredAt: previous?.scoredAt ?? now,
        updatedAt: now,
      };
      await this.scores.save(tx, row);
      publish(
        outgoing(PresentationScoredV1, slot.internId, {
          slotId,
          cohortId: slot.cohortId,
          internId: slot.internId,
          mentorId: command.mentorId,
          averageScore: valid.averageScore,
        }),
      );
      return row;
    });
  }
}
