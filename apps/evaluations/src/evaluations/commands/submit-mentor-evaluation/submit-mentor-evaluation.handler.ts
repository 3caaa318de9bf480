import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Clock, CLOCK, ConflictError, ForbiddenError, requiredId } from '#ddd';
import { grantsOf, ProgramRepository, totalExtension } from '../../../program/persistence/program.repository.js';
import { RubricRepository } from '../../../rubrics/persistence/rubric.repository.js';
import { Evaluation, type EvaluationSnapshot } from '../../domain/evaluation.js';
import { requireOpenWindow } from '../../domain/evaluation-window.js';
import { EvaluationRepository } from '../../persistence/evaluation.repository.js';
import { EvaluationsUnitOfWork } from '../unit-of-work.js';
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
export class SubmitMentorEvaluationHandler implements ICommandHandler<SubmitMentorEvaluationCommand> {
  constructor(
    private readonly uow: EvaluationsUnitOfWork,
    private readonly program: ProgramRepository,
    private readonly rubrics: RubricRepository,
    private readonly evaluations: EvaluationRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

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
      const clock = await this.program.lockClock(tx, cohortId);
      requireOpenWindow(
        content.cycle,
        clock ?? { cohortId, startDate: null, weeks: null, currentWeek: 0 },
        grantsOf(intern),
        `intern ${internId}`,
      );
      const now = this.clock.now();
      let evaluation: Evaluation;
      if (existing) {
        existing.revise(command.mentorId, content, now);
        await this.evaluations.update(tx, existing);
        evaluation = existing;
      } else {
        evaluation = Evaluation.submit(
          randomUUID(),
          { cohortId, internId, authorId: command.mentorId, rubric, now },
          content,
        );
        await this.evaluations.insert(tx, evaluation);
      }
      track(evaluation);
      return evaluation.snapshot();
    });
  }
}
