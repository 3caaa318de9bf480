import { CommandHandler } from '@nestjs/cqrs';
import { ConflictError, ForbiddenError, requiredId } from '#ddd';
import { totalExtension } from '../../../program/persistence/program.repository.js';
import { Evaluation, type EvaluationSnapshot } from '../../domain/evaluation.js';
import { EvaluationCommandHandler } from '../evaluation-command.handler.js';
import { SubmitMentorEvaluationCommand } from './submit-mentor-evaluation.command.js';

function ended(internId: string, cohortId: string, status: string): ConflictError {
  return new ConflictError(
    `intern ${internId}'s enrollment in cohort ${cohortId} is ${status}: there is nothing left to evaluate`,
  );
}

/**
 * The primary mentor's evaluation of an intern, in one transaction: the caller is the primary
 * mentor of the intern's current enrollment (FORBIDDEN otherwise, the same whether or not the
 * intern exists; CONFLICT for their former mentor once the enrollment ended),
 * the input against the cohort's rubric and the decision rules (BAD_USER_INPUT), the cycle's
 * window is open (CONFLICT naming the window; the cohort's clock row is locked so the window
 * cannot close meanwhile), then the first submission or an edit, with EvaluationSubmitted and, for
 * a first submission, MidpointDecisionMade or FinalOutcomeRecorded in the outbox.
 */
@CommandHandler(SubmitMentorEvaluationCommand)
export class SubmitMentorEvaluationHandler extends EvaluationCommandHandler<SubmitMentorEvaluationCommand> {
  async execute(command: SubmitMentorEvaluationCommand): Promise<EvaluationSnapshot> {
    const internId = requiredId('internId', command.internId);
    return this.uow.run(async ({ tx, track }) => {
      const intern = await this.program.currentEnrollment(internId, tx);
      const primary = intern ? await this.program.primaryMentor(intern.cohortId, internId, tx) : null;
      if (
        intern &&
        primary !== command.mentorId &&
        intern.status !== 'ENROLLED' &&
        (await this.program.everMentored(intern.cohortId, internId, command.mentorId, tx))
      ) {
        // Their former mentor learns why (the mentors service ends assignments with the enrollment).
        throw ended(internId, intern.cohortId, intern.status);
      }
      if (!intern || primary !== command.mentorId) {
        // One answer whether the intern is someone else's, has no primary mentor yet or does not
        // exist at all: a mentor cannot probe for interns.
        throw new ForbiddenError(`only the primary mentor of intern ${internId} writes their evaluations`);
      }
      const { cohortId } = intern;
      const { rubric } = await this.rubrics.effective(cohortId, 'PROGRAM', tx);
      const cycle = command.input.cycle === 'FINAL' ? 'FINAL' : 'MIDPOINT';
      const existing = await this.evaluations.findForUpdate(tx, { cohortId, internId, kind: 'MENTOR', cycle });
      const previous = existing?.snapshot();
      // An edit keeps its decision: the extension it asked for is not counted twice.
      const alreadyExtended =
        previous?.decision === 'EXTEND'
          ? Math.max(0, totalExtension(intern) - (previous.extensionWeeks ?? 0))
          : totalExtension(intern);
      const content = Evaluation.validateMentorInput(command.input, rubric, alreadyExtended);
      if (intern.status !== 'ENROLLED') throw ended(internId, cohortId, intern.status);
      await this.requireOpenWindow(tx, intern, content.cycle);
      const evaluation = track(
        await this.save(tx, existing, { cohortId, internId, authorId: command.mentorId, rubric }, content),
      );
      return evaluation.snapshot();
    });
  }
}
