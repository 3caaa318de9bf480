import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ForbiddenError, NotFoundError, requiredId } from '#ddd';
import type { EnrollmentSnapshot } from '../../../enrollments/domain/enrollment.js';
import { CompleteOnboardingTaskCommand } from './complete-onboarding-task.command.js';
import { CohortsCommandHandler } from '../../../shared/commands/cohorts-command-handler.js';

/**
 * The intern (the caller: their own enrollment, never another's) completes a task of their
 * cohort's checklist: `OnboardingTaskCompleted`, and with the last one `OnboardingCompleted` and
 * the enrollment ACTIVE. Completing a done task again changes nothing.
 */
@CommandHandler(CompleteOnboardingTaskCommand)
export class CompleteOnboardingTaskHandler
  extends CohortsCommandHandler
  implements ICommandHandler<CompleteOnboardingTaskCommand>
{
  async execute({ cohortId, taskId, actor }: CompleteOnboardingTaskCommand): Promise<EnrollmentSnapshot> {
    const cId = requiredId('cohortId', cohortId);
    const tId = requiredId('taskId', taskId);
    return this.uow.run(async ({ tx, track }) => {
      const enrollment = track(await this.enrollments.find(tx, cId, actor.sub, { forUpdate: true }));
      if (!enrollment) {
        if (!(await this.cohorts.findById(tx, cId))) throw new NotFoundError('Cohort', cId);
        throw new ForbiddenError('only an intern enrolled in the cohort completes its onboarding tasks');
      }
      const tasks = await this.cohorts.checklist(tx, cId);
      const completed = await this.enrollments.completedTasks(tx, enrollment.id);
      const now = this.clock.now();
      if (enrollment.completeOnboardingTask(tId, tasks, completed, now)) {
        await this.enrollments.insertCompletion(tx, enrollment.id, tId, now);
        await this.enrollments.update(tx, enrollment);
      }
      return enrollment.toSnapshot();
    });
  }
}
