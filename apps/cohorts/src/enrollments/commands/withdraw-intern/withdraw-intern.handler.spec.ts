import { refusedFields } from '#testing';
import { describe, expect, it } from '@jest/globals';
import { ConflictError, NotFoundError, ValidationError } from '#ddd';
import {
  enrollmentOf,
  openedSlot,
  PM,
  repositoryFakes,
  scheduledCohort,
  startCohort,
  bookingCancelled,
} from '../../../shared/commands/testing/repository-fakes.js';
import { WithdrawInternCommand } from './withdraw-intern.command.js';
import { WithdrawInternHandler } from './withdraw-intern.handler.js';

const NOW = new Date('2027-07-07T10:00:00Z'); // week 5
const SLOT = '00000000-0000-4000-8000-00000000a001';

/** intern-1's booking of a slot in the presentations week (week 12). */
const internOnesBooking = (cohortId: string) =>
  openedSlot(cohortId, { id: SLOT, startsAt: new Date('2027-08-24T12:00:00Z'), bookedBy: 'intern-1', bookedAt: NOW });

async function setup() {
  const f = repositoryFakes(new Date('2027-05-20T10:00:00Z'));
  const cohortId = await scheduledCohort(f, ['intern-1', 'intern-2']);
  startCohort(f, cohortId, 5, NOW);
  const handler = f.build(WithdrawInternHandler);
  return { ...f, handler, cohortId, enrollmentId: enrollmentOf(f.repo, cohortId, 'intern-1').id };
}

describe('WithdrawInternHandler', () => {
  it('withdraws the intern, frees their place (cohort then enrollment locked) and appends InternWithdrawn.v1', async () => {
    const { handler, repo, enrollments, outbox, dataSource, cohortId, enrollmentId } = await setup();
    const withdrawn = await handler.execute(new WithdrawInternCommand(cohortId, 'intern-1', ' moved abroad ', PM));
    expect(withdrawn).toMatchObject({ id: enrollmentId, status: 'WITHDRAWN', endedAt: NOW, endReason: 'moved abroad' });
    expect(enrollmentOf(repo, cohortId, 'intern-1')).toMatchObject({ status: 'WITHDRAWN', endReason: 'moved abroad' });
    expect(enrollmentOf(repo, cohortId, 'intern-2').status).toBe('ONBOARDING');
    expect(repo.cohorts.get(cohortId)?.enrolledCount).toBe(1);
    expect(repo.lockedIds).toEqual([cohortId]);
    expect(enrollments.lockedKeys).toEqual([`${cohortId}/intern-1`]);
    expect(dataSource.transactions).toBe(1);
    expect(outbox.events).toEqual([
      {
        type: 'mentorflow.cohorts.InternWithdrawn.v1',
        subject: cohortId,
        data: { enrollmentId, cohortId, internId: 'intern-1', reason: 'moved abroad', withdrawnBy: 'pm-1' },
      },
    ]);
  });

  it("frees the intern's presentation booking in the same transaction", async () => {
    const { handler, slots, outbox, cohortId } = await setup();
    slots.seed(internOnesBooking(cohortId));
    await handler.execute(new WithdrawInternCommand(cohortId, 'intern-1', 'moved abroad', PM));
    expect(slots.slots.get(SLOT)).toMatchObject({ bookedBy: null, bookedAt: null });
    expect(outbox.types()).toEqual([
      'mentorflow.cohorts.InternWithdrawn.v1',
      'mentorflow.cohorts.PresentationBookingCancelled.v1',
    ]);
    expect(outbox.events[1]).toEqual(bookingCancelled(SLOT, cohortId));
  });

  it('refuses a missing cohort or intern id naming the field, before any transaction', async () => {
    const { handler, repo, outbox, dataSource, cohortId } = await setup();
    for (const [command, field] of [
      [new WithdrawInternCommand(' ', 'intern-1', 'r', PM), 'cohortId'],
      [new WithdrawInternCommand(cohortId, '', 'r', PM), 'internId'],
    ] as const) {
      expect(await refusedFields(handler.execute(command))).toEqual([field]);
    }
    expect(dataSource.transactions).toBe(0);
    expect(enrollmentOf(repo, cohortId, 'intern-1').status).toBe('ONBOARDING');
    expect(outbox.events).toEqual([]);
  });

  it('refuses a blank reason naming the field before any transaction or lock, and keeps the intern and their place', async () => {
    const { handler, repo, enrollments, slots, outbox, dataSource, cohortId } = await setup();
    slots.seed(internOnesBooking(cohortId));
    const err = await handler.execute(new WithdrawInternCommand(cohortId, 'intern-1', '  ', PM)).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).violations).toEqual([{ field: 'reason', message: 'is required' }]);
    // An unknown cohort with a bad reason is bad input too, not NOT_FOUND.
    const unknown = await handler
      .execute(new WithdrawInternCommand('00000000-0000-4000-8000-00000000dead', 'intern-1', 'x'.repeat(1001), PM))
      .catch((e) => e);
    expect(unknown).toBeInstanceOf(ValidationError);
    expect((unknown as ValidationError).violations.map((v) => v.field)).toEqual(['reason']);
    expect(dataSource.transactions).toBe(0);
    expect(repo.lockedIds).toEqual([]);
    expect(enrollments.lockedKeys).toEqual([]);
    expect(enrollmentOf(repo, cohortId, 'intern-1').status).toBe('ONBOARDING');
    expect(repo.cohorts.get(cohortId)?.enrolledCount).toBe(2);
    expect(slots.slots.get(SLOT)?.bookedBy).toBe('intern-1');
    expect(outbox.events).toEqual([]);
  });

  it('refuses to withdraw an intern twice: the place is freed once', async () => {
    const { handler, repo, outbox, cohortId } = await setup();
    await handler.execute(new WithdrawInternCommand(cohortId, 'intern-1', 'moved abroad', PM));
    const err = await handler.execute(new WithdrawInternCommand(cohortId, 'intern-1', 'again', PM)).catch((e) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toBe('the enrollment of intern intern-1 is WITHDRAWN: cannot withdraw the intern');
    expect(enrollmentOf(repo, cohortId, 'intern-1').endReason).toBe('moved abroad');
    expect(repo.cohorts.get(cohortId)?.enrolledCount).toBe(1);
    expect(outbox.events).toHaveLength(1);
  });

  it('reports an unknown cohort or enrollment as not found', async () => {
    const { handler, repo, cohortId } = await setup();
    await expect(
      handler.execute(new WithdrawInternCommand('00000000-0000-4000-8000-00000000dead', 'intern-1', 'r', PM)),
    ).rejects.toThrow('Cohort 00000000-0000-4000-8000-00000000dead was not found');
    await expect(handler.execute(new WithdrawInternCommand(cohortId, 'stranger', 'r', PM))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(repo.cohorts.get(cohortId)?.enrolledCount).toBe(2);
  });
});
