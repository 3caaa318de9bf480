import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Clock, CLOCK, ConflictError, NotFoundError, requiredId } from '#ddd';
import { grantsOf, ProgramRepository } from '../../../program/persistence/program.repository.js';
import { RubricRepository } from '../../../rubrics/persistence/rubric.repository.js';
import { Evaluation, type EvaluationSnapshot } from '../../domain/evaluation.js';
import { requireOpenWindow } from '../../domain/evaluation-window.js';
import { EvaluationRepository } from '../../persistence/evaluation.repository.js';
import { EvaluationsUnitOfWork } from '../unit-of-work.js';
import { SubmitSelfEvaluationCommand } from './submit-self-evaluation.command.js';

/**
 * The intern's self-evaluation of their running enrollment, inside the cycle's window (CONFLICT
 * naming it otherwise): rubric self-scores, reflections and, at FINAL, the program NPS. Input
 * that is bad whatever is stored (BAD_USER_INPUT) opens no transaction.
 */
@CommandHandler(SubmitSelfEvaluationCommand)
export class SubmitSelfEvaluationHandler implements ICommandHandler<SubmitSelfEvaluationCommand> {
  constructor(
    private readonly uow: EvaluationsUnitOfWork,
    private readonly program: ProgramRepository,
    private readonly rubrics: RubricRepository,
    private readonly evaluations: EvaluationRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: SubmitSelfEvaluationCommand): Promise<EvaluationSnapshot> {
    // Input that is bad on its own is refused before any lock is taken; the scores need the
    // cohort's rubric and are checked inside (Evaluation.validateSelfInput checks it all again).
    const internId = requiredId('internId', command.internId);
    const { input } = command;
    Evaluation.validateSelfInputShape(input);
    return this.uow.run(async ({ tx, track }) => {
      const intern = await this.program.currentEnrollment(internId, tx);
      if (!intern) throw new NotFoundError('Enrollment of intern', internId);
      const { cohortId } = intern;
      const { rubric } = await this.rubrics.effective(cohortId, 'PROGRAM', tx);
      const content = Evaluation.validateSelfInput(input, rubric);
      if (intern.status !== 'ENROLLED') {
        throw new ConflictError(
          `your enrollment in cohort ${cohortId} is ${intern.status}: self-evaluations are closed`,
        );
      }
      const clock = await this.program.lockClock(tx, cohortId);
      requireOpenWindow(
        content.cycle,
        clock ?? { cohortId, startDate: null, weeks: null, currentWeek: 0 },
        grantsOf(intern),
        `intern ${internId}`,
      );
      const now = this.clock.now();
      const existing = await this.evaluations.findForUpdate(tx, {
        cohortId,
        internId,
        kind: 'SELF',
        cycle: content.cycle,
      });
      let evaluation: Evaluation;
      if (existing) {
        existing.revise(internId, content, now);
        await this.evaluations.update(tx, existing);
        evaluation = existing;
      } else {
        evaluation = Evaluation.submit(randomUUID(), { cohortId, internId, authorId: internId, rubric, now }, content);
        await this.evaluations.insert(tx, evaluation);
      }
      track(evaluation);
      return evaluation.snapshot();
    });
  }
}
