import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, ConflictError, NotFoundError, requiredId, type Clock } from '#ddd';
import { MentorFeedbackSubmittedV1 } from '#contracts';
import { outgoing } from '#messaging';
import { evaluationWindow } from '../../../evaluations/domain/evaluation-window.js';
import { EvaluationsUnitOfWork } from '../../../evaluations/commands/unit-of-work.js';
import { grantsOf, ProgramRepository } from '../../../program/persistence/program.repository.js';
import {
  feedbackAverage,
  requireFeedbackAllowed,
  validateMentorFeedback,
  type MentorFeedbackRecord,
} from '../../domain/mentor-feedback.js';
import { MentorFeedbackRepository } from '../../persistence/mentor-feedback.repository.js';
import { SubmitMentorFeedbackCommand } from './submit-mentor-feedback.command.js';

/**
 * The signed-in intern's feedback on their primary mentor for one cycle (SPEC §7): the input is
 * checked first (BAD_USER_INPUT naming each field, no transaction); then, under the cohort's clock
 * lock, the intern's window of that cycle must have opened, a correction needs it still OPEN
 * (requireFeedbackAllowed), and the intern needs a primary mentor (CONFLICT otherwise). An ended
 * enrollment other than COMPLETED (withdrawn, terminated) gives no feedback (CONFLICT). One row per
 * intern, cohort and cycle: a second submission replaces the first (revision + 1, about the primary
 * mentor at that time). `MentorFeedbackSubmitted` (the average only) goes out with each.
 */
@CommandHandler(SubmitMentorFeedbackCommand)
export class SubmitMentorFeedbackHandler implements ICommandHandler<SubmitMentorFeedbackCommand> {
  constructor(
    private readonly uow: EvaluationsUnitOfWork,
    private readonly program: ProgramRepository,
    private readonly feedback: MentorFeedbackRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ internId, input }: SubmitMentorFeedbackCommand): Promise<MentorFeedbackRecord> {
    const iId = requiredId('internId', internId);
    const content = validateMentorFeedback(input);
    return this.uow.run(async ({ tx, publish }) => {
      const intern = await this.program.currentEnrollment(iId, tx);
      if (!intern) throw new NotFoundError('Enrollment of intern', iId);
      const { cohortId } = intern;
      if (intern.status !== 'ENROLLED' && intern.status !== 'COMPLETED') {
        throw new ConflictError(`your enrollment in cohort ${cohortId} is ${intern.status}: feedback is closed`);
      }
      const clock = await this.program.lockClock(tx, cohortId);
      if (!clock?.weeks) {
        throw new ConflictError(`the calendar of cohort ${cohortId} is not known yet: try again shortly`);
      }
      const window = evaluationWindow(content.cycle, { ...clock, weeks: clock.weeks }, grantsOf(intern));
      const existing = await this.feedback.findForUpdate(tx, { cohortId, internId: iId, cycle: content.cycle });
      requireFeedbackAllowed(content.cycle, window, existing !== null);
      const mentorId = await this.program.primaryMentor(cohortId, iId, tx);
      if (!mentorId) throw new ConflictError('you have no primary mentor to give feedback on');
      const now = this.clock.now();
      const saved: MentorFeedbackRecord = {
        id: existing?.id ?? randomUUID(),
        cohortId,
        internId: iId,
        mentorId,
        ...content,
        averageScore: feedbackAverage(content.ratings),
        revision: (existing?.revision ?? 0) + 1,
        submittedAt: existing?.submittedAt ?? now,
        updatedAt: now,
      };
      await this.feedback.save(tx, saved);
      publish(
        outgoing(MentorFeedbackSubmittedV1, iId, {
          feedbackId: saved.id,
          cohortId,
          internId: iId,
          mentorId,
          cycle: saved.cycle,
          averageScore: saved.averageScore,
        }),
      );
      return saved;
    });
  }
}
