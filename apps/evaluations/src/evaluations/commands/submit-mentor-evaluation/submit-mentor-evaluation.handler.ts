import { randomUUID } from 'node:crypto';
import { CommandHandler } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import { ConflictError, ForbiddenError, NotFoundError, requiredId } from '#ddd';
import type { InternOrmEntity } from '../../../program/persistence/intern.orm-entity.js';
import { extensionBesidesMidpointDecision } from '../../../program/persistence/program.repository.js';
import { Evaluation, type EvaluationSnapshot, type RecordedBy } from '../../domain/evaluation.js';
import { EvaluationWindowNotOpenError, type EvaluationCycle } from '../../domain/evaluation-window.js';
import { EvaluationCommandHandler } from '../evaluation-command.handler.js';
import { SubmitMentorEvaluationCommand } from './submit-mentor-evaluation.command.js';

function ended(internId: string, cohortId: string, status: string): ConflictError {
  return new ConflictError(
    `intern ${internId}'s enrollment in cohort ${cohortId} is ${status}: there is nothing left to evaluate`,
  );
}

/**
 * A mentor's evaluation of an intern, in one transaction (SPEC §5, §7):
 * - the caller is the primary mentor of the intern's current enrollment and the cycle's window is
 *   open, or a PROGRAM_MANAGER and the window has opened (open, or closed since: an absent
 *   mentor's evaluation recorded late); FORBIDDEN otherwise, the same whether or not the intern
 *   exists (CONFLICT for their former mentor once the enrollment ended, and naming the window for
 *   the primary mentor outside it);
 * - the input against the cohort's rubric and the decision rules (BAD_USER_INPUT; an EXTEND over
 *   the 5-week total names `extensionWeeks`, where the extension the earlier revision of this
 *   evaluation asked for does not count);
 * - then the first submission, or a correction of the one recorded (revision raised, `recordedBy`
 *   the caller), with EvaluationSubmitted and, when the decision is new or changed,
 *   MidpointDecisionMade or FinalOutcomeRecorded in the outbox. The author (and the events'
 *   `mentorId`) is the intern's primary mentor, or the program manager when there is none.
 */
@CommandHandler(SubmitMentorEvaluationCommand)
export class SubmitMentorEvaluationHandler extends EvaluationCommandHandler<SubmitMentorEvaluationCommand> {
  async execute(command: SubmitMentorEvaluationCommand): Promise<EvaluationSnapshot> {
    const internId = requiredId('internId', command.internId);
    const callerId = command.mentorId;
    const isManager = command.roles.includes('PROGRAM_MANAGER');
    return this.uow.run(async ({ tx, track }) => {
      const intern = await this.program.currentEnrollment(internId, tx);
      const primary = intern ? await this.program.primaryMentor(intern.cohortId, internId, tx) : null;
      const isPrimary = !!intern && primary === callerId;
      if (
        intern &&
        !isPrimary &&
        !isManager &&
        intern.status !== 'ENROLLED' &&
        (await this.program.everMentored(intern.cohortId, internId, callerId, tx))
      ) {
        // Their former mentor learns why (the mentors service ends assignments with the enrollment).
        throw ended(internId, intern.cohortId, intern.status);
      }
      // A program manager sees every intern: one unknown here is simply not found.
      if (!intern && isManager) throw new NotFoundError('Enrollment of intern', internId);
      if (!intern || (!isPrimary && !isManager)) {
        // One answer whether the intern is someone else's, has no primary mentor yet or does not
        // exist at all: a mentor cannot probe for interns.
        throw new ForbiddenError(`only the primary mentor of intern ${internId} writes their evaluations`);
      }
      const { cohortId } = intern;
      const { rubric } = await this.rubrics.effective(cohortId, 'PROGRAM', tx);
      const cycle = command.input.cycle === 'FINAL' ? 'FINAL' : 'MIDPOINT';
      const existing = await this.evaluations.findForUpdate(tx, { cohortId, internId, kind: 'MENTOR', cycle });
      // A correction replaces the decision it corrects: the extension it was granted is not counted twice.
      const alreadyExtended =
        cycle === 'MIDPOINT' ? extensionBesidesMidpointDecision(intern, existing?.extensionWeeksDecided ?? 0) : 0;
      const content = Evaluation.validateMentorInput(command.input, rubric, alreadyExtended);
      if (intern.status !== 'ENROLLED') throw ended(internId, cohortId, intern.status);
      const recordedBy = await this.recorder(tx, intern, content.cycle, { callerId, isPrimary, isManager });
      const authorId = primary ?? callerId;
      const now = this.now();
      let evaluation: Evaluation;
      if (existing) {
        existing.correct(content, { authorId, recordedBy }, now);
        await this.evaluations.update(tx, existing);
        evaluation = existing;
      } else {
        evaluation = Evaluation.submit(
          randomUUID(),
          { cohortId, internId, authorId, rubric, now, recordedBy },
          content,
        );
        await this.evaluations.insert(tx, evaluation);
      }
      return track(evaluation).snapshot();
    });
  }

  /**
   * Who records it: the primary mentor while the window is open; otherwise a program manager once
   * the window opened. The window's CONFLICT names it when neither holds.
   */
  private async recorder(
    tx: EntityManager,
    intern: InternOrmEntity,
    cycle: EvaluationCycle,
    who: { callerId: string; isPrimary: boolean; isManager: boolean },
  ): Promise<RecordedBy> {
    const window = await this.requireOpenedWindow(tx, intern, cycle);
    if (who.isPrimary && window.status === 'OPEN') return { id: who.callerId, role: 'MENTOR' };
    if (who.isManager) return { id: who.callerId, role: 'PROGRAM_MANAGER' };
    const clock = await this.program.clock(intern.cohortId, tx);
    throw new EvaluationWindowNotOpenError(
      window,
      `intern ${intern.internId}`,
      clock ?? { cohortId: intern.cohortId, startDate: null, weeks: null, currentWeek: 0 },
    );
  }
}
