import { describe, expect, it } from '@jest/globals';
import { ConflictError, NotFoundError } from '#ddd';
import { refusedFields } from '#testing';
import { InternReinstatedV1 } from '#contracts';
import { internCalendar } from '#calendar';
import { CohortStatus } from '../../../cohorts/domain/cohort.js';
import { EnrollmentStatus } from '../../domain/enrollment.js';
import { ClockEventKind } from '../../../program-clock/domain/program-clock.js';
import {
  enrollmentOf,
  grantedExtension,
  patchEnrollment,
  PM,
  repositoryFakes,
  scheduledCohort,
  startCohort,
} from '../../../shared/commands/testing/repository-fakes.js';
import { WithdrawInternCommand } from '../withdraw-intern/withdraw-intern.command.js';
import { WithdrawInternHandler } from '../withdraw-intern/withdraw-intern.handler.js';
import { ReinstateInternCommand } from './reinstate-intern.command.js';
import { ReinstateInternHandler } from './reinstate-intern.handler.js';

const NOW = new Date('2027-07-07T10:00:00Z'); // week 5

/** A cohort in week 5 with intern-1 (extended by 2 weeks) withdrawn and intern-2 onboarding. */
async function setup(capacity = 10) {
  const f = repositoryFakes(new Date('2027-05-20T10:00:00Z'));
  const cohortId = await scheduledCohort(f, ['intern-1', 'intern-2'], { capacity });
  startCohort(f, cohortId, 5, NOW);
  const enrollmentId = enrollmentOf(f.repo, cohortId, 'intern-1').id;
  patchEnrollment(f.repo, cohortId, 'intern-1', { extensionWeeks: 2 });
  f.enrollments.extensions = [grantedExtension(enrollmentId, 2, 4)];
  await f.build(WithdrawInternHandler).execute(new WithdrawInternCommand(cohortId, 'intern-1', 'moved abroad', PM));
  f.outbox.events = [];
  f.dataSource.transactions = 0;
  f.repo.lockedIds = [];
  f.enrollments.lockedKeys = [];
  return { ...f, handler: f.build(ReinstateInternHandler), cohortId, enrollmentId };
}

describe('ReinstateInternHandler', () => {
  it('makes the withdrawn intern ACTIVE again with their extensions, takes a place and publishes InternReinstated', async () => {
    const { handler, repo, enrollments, outbox, cohortId, enrollmentId } = await setup();
    expect(repo.cohorts.get(cohortId)?.enrolledCount).toBe(1);
    const back = await handler.execute(new ReinstateInternCommand(cohortId, 'intern-1', ' back from abroad ', PM));
    expect(back).toMatchObject({
      id: enrollmentId,
      status: 'ACTIVE',
      endedAt: null,
      endReason: null,
      extensionWeeks: 2,
    });
    expect(enrollmentOf(repo, cohortId, 'intern-1')).toMatchObject({ status: 'ACTIVE', extensionWeeks: 2 });
    expect(enrollments.extensions.map((x) => [x.weeks, x.afterWeek])).toEqual([[2, 4]]);
    expect(repo.cohorts.get(cohortId)?.enrolledCount).toBe(2);
    expect(repo.lockedIds).toEqual([cohortId]);
    expect(enrollments.lockedKeys).toEqual([`${cohortId}/intern-1`]);
    // The clock runs on for their extension weeks (weeks 13 to 15).
    expect(
      repo.clockEvents
        .get(cohortId)!
        .filter((e) => e.kind === ClockEventKind.EXTENDED_WEEK_STARTED)
        .map((e) => e.week),
    ).toEqual([13, 14, 15]);
    expect(outbox.dataOf(InternReinstatedV1)).toEqual([
      { enrollmentId, cohortId, internId: 'intern-1', reason: 'back from abroad', reinstatedBy: 'pm-1' },
    ]);
    expect(outbox.types()).toEqual(['mentorflow.cohorts.InternReinstated.v1']);
    // Their calendar is the one they had: computed from the same grants.
    const c = repo.cohorts.get(cohortId)!;
    expect(internCalendar(c.startDate, c.weeks, c.timezone, enrollments.extensions).programWeeks).toBe(14);
  });

  it('refuses bad input naming the field before any transaction', async () => {
    const { handler, outbox, dataSource, cohortId } = await setup();
    for (const [command, field] of [
      [new ReinstateInternCommand(' ', 'intern-1', 'r', PM), 'cohortId'],
      [new ReinstateInternCommand(cohortId, '', 'r', PM), 'internId'],
      [new ReinstateInternCommand(cohortId, 'intern-1', '  ', PM), 'reason'],
    ] as const) {
      expect(await refusedFields(handler.execute(command))).toEqual([field]);
    }
    expect(dataSource.transactions).toBe(0);
    expect(outbox.events).toEqual([]);
  });

  it('refuses an intern who is not WITHDRAWN (CONFLICT), changing nothing', async () => {
    const { handler, repo, outbox, cohortId } = await setup();
    const err = await handler.execute(new ReinstateInternCommand(cohortId, 'intern-2', 'r', PM)).catch((e) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toBe(
      'the enrollment of intern intern-2 is ONBOARDING: only a WITHDRAWN intern can be reinstated',
    );
    patchEnrollment(repo, cohortId, 'intern-2', { status: EnrollmentStatus.TERMINATED });
    await expect(handler.execute(new ReinstateInternCommand(cohortId, 'intern-2', 'r', PM))).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(repo.cohorts.get(cohortId)?.enrolledCount).toBe(1);
    expect(outbox.events).toEqual([]);
  });

  it('refuses when the cohort is not IN_PROGRESS, or full', async () => {
    for (const status of [CohortStatus.COMPLETED, CohortStatus.SCHEDULED, CohortStatus.CANCELLED]) {
      const { handler, repo, outbox, cohortId } = await setup();
      repo.cohorts.set(cohortId, { ...repo.cohorts.get(cohortId)!, status });
      await expect(handler.execute(new ReinstateInternCommand(cohortId, 'intern-1', 'r', PM))).rejects.toThrow(
        `cohort ${cohortId} is ${status}: an intern can be reinstated only while it is IN_PROGRESS`,
      );
      expect(enrollmentOf(repo, cohortId, 'intern-1').status).toBe('WITHDRAWN');
      expect(outbox.events).toEqual([]);
    }
    const { handler, repo, outbox, cohortId } = await setup(2);
    repo.cohorts.set(cohortId, { ...repo.cohorts.get(cohortId)!, capacity: 1 }); // the place was given away
    await expect(handler.execute(new ReinstateInternCommand(cohortId, 'intern-1', 'r', PM))).rejects.toThrow(
      'cohort is full (capacity 1)',
    );
    expect(enrollmentOf(repo, cohortId, 'intern-1').status).toBe('WITHDRAWN');
    expect(outbox.events).toEqual([]);
  });

  it('reports an unknown cohort or enrollment as not found', async () => {
    const { handler, cohortId } = await setup();
    await expect(
      handler.execute(new ReinstateInternCommand('00000000-0000-4000-8000-00000000dead', 'intern-1', 'r', PM)),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(handler.execute(new ReinstateInternCommand(cohortId, 'stranger', 'r', PM))).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
