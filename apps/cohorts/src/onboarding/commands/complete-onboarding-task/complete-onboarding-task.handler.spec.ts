import { refusedFields } from '#testing';
import { describe, expect, it } from '@jest/globals';
import { ConflictError, ForbiddenError, NotFoundError } from '#ddd';
import {
  asIntern,
  enrollmentOf,
  repositoryFakes,
  scheduledCohort,
  startCohort,
} from '../../../shared/commands/testing/repository-fakes.js';
import { CompleteOnboardingTaskCommand } from './complete-onboarding-task.command.js';
import { CompleteOnboardingTaskHandler } from './complete-onboarding-task.handler.js';

const NOW = new Date('2027-06-08T08:00:00Z'); // Tuesday of week 1

/** OnboardingTaskCompleted.v1 of intern-1's `task`, completed at NOW, as the outbox keeps it. */
const taskCompleted = (cohortId: string, enrollmentId: string, task: { id: string; title: string }) => ({
  type: 'mentorflow.cohorts.OnboardingTaskCompleted.v1',
  subject: cohortId,
  data: {
    enrollmentId,
    cohortId,
    internId: 'intern-1',
    taskId: task.id,
    title: task.title,
    completedAt: NOW.toISOString(),
  },
});

async function setup({ started = true } = {}) {
  const f = repositoryFakes(new Date('2027-05-20T10:00:00Z'));
  const cohortId = await scheduledCohort(f, ['intern-1', 'intern-2']);
  if (started) startCohort(f, cohortId, 1, NOW);
  const handler = f.build(CompleteOnboardingTaskHandler);
  const tasks = f.repo.checklists.get(cohortId)!;
  return { ...f, handler, cohortId, tasks, enrollmentId: enrollmentOf(f.repo, cohortId, 'intern-1').id };
}

describe('CompleteOnboardingTaskHandler', () => {
  it("records the caller's completion, locking their enrollment, and appends OnboardingTaskCompleted.v1", async () => {
    const { handler, enrollments, outbox, dataSource, cohortId, tasks, enrollmentId } = await setup();
    const task = tasks[1]!;
    const enrollment = await handler.execute(
      new CompleteOnboardingTaskCommand(cohortId, task.id, asIntern('intern-1')),
    );
    expect(enrollment).toMatchObject({ id: enrollmentId, status: 'ONBOARDING', onboardingCompletedAt: null });
    expect(enrollments.completions.get(enrollmentId)).toEqual(new Map([[task.id, NOW]]));
    expect(enrollments.completions.size).toBe(1); // intern-2's checklist is untouched
    expect(enrollments.lockedKeys).toEqual([`${cohortId}/intern-1`]);
    expect(dataSource.transactions).toBe(1);
    expect(outbox.events).toEqual([taskCompleted(cohortId, enrollmentId, task)]);
  });

  it('with the last task makes the enrollment ACTIVE and appends OnboardingCompleted.v1 after it', async () => {
    const { handler, repo, enrollments, outbox, cohortId, tasks, enrollmentId } = await setup();
    const earlier = new Date('2027-06-07T09:00:00Z');
    const last = tasks.at(-1)!;
    enrollments.completions.set(enrollmentId, new Map(tasks.slice(0, -1).map((t) => [t.id, earlier])));
    await handler.execute(new CompleteOnboardingTaskCommand(cohortId, last.id, asIntern('intern-1')));
    expect(enrollmentOf(repo, cohortId, 'intern-1')).toMatchObject({ status: 'ACTIVE', onboardingCompletedAt: NOW });
    expect(enrollments.completions.get(enrollmentId)?.size).toBe(tasks.length);
    expect(outbox.events).toEqual([
      taskCompleted(cohortId, enrollmentId, last),
      {
        type: 'mentorflow.cohorts.OnboardingCompleted.v1',
        subject: cohortId,
        data: { enrollmentId, cohortId, internId: 'intern-1', completedAt: NOW.toISOString() },
      },
    ]);
  });

  it('changes nothing when a done task is completed again', async () => {
    const { handler, enrollments, outbox, clock, cohortId, tasks, enrollmentId } = await setup();
    await handler.execute(new CompleteOnboardingTaskCommand(cohortId, tasks[0]!.id, asIntern('intern-1')));
    clock.current = new Date('2027-06-09T08:00:00Z');
    await handler.execute(new CompleteOnboardingTaskCommand(cohortId, tasks[0]!.id, asIntern('intern-1')));
    expect(enrollments.completions.get(enrollmentId)).toEqual(new Map([[tasks[0]!.id, NOW]]));
    expect(outbox.events).toHaveLength(1);
  });

  it('refuses a missing cohort or task id naming the field, before any transaction', async () => {
    const { handler, enrollments, outbox, dataSource, cohortId, tasks } = await setup();
    for (const [command, field] of [
      [new CompleteOnboardingTaskCommand(' ', tasks[0]!.id, asIntern('intern-1')), 'cohortId'],
      [new CompleteOnboardingTaskCommand(cohortId, '', asIntern('intern-1')), 'taskId'],
    ] as const) {
      expect(await refusedFields(handler.execute(command))).toEqual([field]);
    }
    expect(dataSource.transactions).toBe(0);
    expect(enrollments.completions.size).toBe(0);
    expect(outbox.events).toEqual([]);
  });

  it('refuses before the cohort starts (onboarding not open yet) and records nothing', async () => {
    const { handler, repo, enrollments, outbox, cohortId, tasks } = await setup({ started: false });
    const err = await handler
      .execute(new CompleteOnboardingTaskCommand(cohortId, tasks[0]!.id, asIntern('intern-1')))
      .catch((e) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toMatch(/onboarding opens when the cohort starts/);
    expect(enrollmentOf(repo, cohortId, 'intern-1').status).toBe('ENROLLED');
    expect(enrollments.completions.size).toBe(0);
    expect(outbox.events).toEqual([]);
  });

  it('forbids an intern not enrolled in the cohort; an unknown cohort or task is not found', async () => {
    const { handler, enrollments, outbox, cohortId, tasks } = await setup();
    await expect(
      handler.execute(new CompleteOnboardingTaskCommand(cohortId, tasks[0]!.id, asIntern('stranger'))),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      handler.execute(
        new CompleteOnboardingTaskCommand('00000000-0000-4000-8000-00000000dead', tasks[0]!.id, asIntern('intern-1')),
      ),
    ).rejects.toThrow('Cohort 00000000-0000-4000-8000-00000000dead was not found');
    const err = await handler
      .execute(
        new CompleteOnboardingTaskCommand(cohortId, '00000000-0000-4000-8000-0000000000aa', asIntern('intern-1')),
      )
      .catch((e) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.message).toMatch(/^OnboardingTask /);
    expect(enrollments.completions.size).toBe(0);
    expect(outbox.events).toEqual([]);
  });
});
