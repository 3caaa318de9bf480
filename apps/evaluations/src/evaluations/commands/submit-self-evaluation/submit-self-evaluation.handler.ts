import { CommandHandler } from '@nestjs/cqrs';
import { ConflictError, NotFoundError, requiredId } from '#ddd';
import { Evaluation, type EvaluationSnapshot } from '../../domain/evaluation.js';
import { EvaluationCommandHandler } from '../evaluation-command.handler.js';
import { SubmitSelfEvaluationCommand } from './submit-self-evaluation.command.js';

/**
 * The intern's self-evaluation of their running enrollment, inside the cycle's window (CONFLICT
 * naming it otherwise): rubric self-scores, reflections and, at FINAL, the program NPS. Input
 * that is bad whatever is stored (BAD_USER_INPUT) opens no transaction.
 */
@CommandHandler(SubmitSelfEvaluationCommand)
export class SubmitSelfEvaluationHandler extends EvaluationCommandHandler<SubmitSelfEvaluationCommand> {
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
      await this.requireOpenWindow(tx, intern, content.cycle);
      const existing = await this.evaluations.findForUpdate(tx, {
        cohortId,
        internId,
        kind: 'SELF',
        cycle: content.cycle,
      });
      const evaluation = track(
        await this.save(tx, existing, { cohortId, internId, authorId: internId, rubric }, content),
      );
      return evaluation.snapshot();
    });
  }
}
