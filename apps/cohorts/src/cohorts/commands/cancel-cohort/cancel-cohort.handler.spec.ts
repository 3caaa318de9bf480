import { refusedFields } from '#testing';
import { describe, expect, it } from '@jest/globals';
import { ConflictError, NotFoundError } from '#ddd';
import { WorkMode } from '../../domain/cohort.js';
import { repositoryFakes, scheduledCohort } from '../../../shared/commands/testing/repository-fakes.js';
import { CancelCohortCommand } from './cancel-cohort.command.js';
import { CancelCohortHandler } from './cancel-cohort.handler.js';

const PM = { sub: 'pm-1', roles: ['PROGRAM_MANAGER'] };

async function setup() {
  const f = repositoryFakes(new Date('2027-05-20T10:00:00Z'));
  const cohortId = await scheduledCohort(f, [], {
    timezone: 'America/New_York',
    location: 'NYC',
    workMode: WorkMode.ON_SITE,
    capacity: 5,
  });
  return { ...f, handler: f.build(CancelCohortHandler), cohortId };
}

describe('CancelCohortHandler', () => {
  it('cancels under a row lock and appends CohortCancelled.v1', async () => {
    const { handler, repo, outbox, cohortId } = await setup();
    const cancelled = await handler.execute(new CancelCohortCommand(cohortId, 'not enough interns', PM));
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancellationReason: 'not enough interns' });
    expect(repo.lockedIds).toEqual([cohortId]);
    expect(repo.cohorts.get(cohortId)?.status).toBe('CANCELLED');
    expect(repo.clockEvents.has(cohortId)).toBe(false); // its clock will never fire
    expect(outbox.events).toEqual([
      {
        type: 'mentorflow.cohorts.CohortCancelled.v1',
        subject: cohortId,
        data: { cohortId, reason: 'not enough interns', cancelledBy: 'pm-1' },
      },
    ]);
  });

  it('refuses a missing cohort id or a reason over 1000 characters naming the field, before any transaction or lock', async () => {
    const { handler, repo, outbox, dataSource, cohortId } = await setup();
    for (const [command, field] of [
      [new CancelCohortCommand(' ', 'budget', PM), 'cohortId'],
      [new CancelCohortCommand(cohortId, 'x'.repeat(1001), PM), 'reason'],
      // an unknown cohort with a bad reason is bad input too, not NOT_FOUND
      [new CancelCohortCommand('00000000-0000-4000-8000-00000000dead', 'x'.repeat(1001), PM), 'reason'],
    ] as const) {
      expect(await refusedFields(handler.execute(command))).toEqual([field]);
    }
    expect(dataSource.transactions).toBe(0);
    expect(repo.lockedIds).toEqual([]);
    expect(repo.cohorts.get(cohortId)?.status).toBe('SCHEDULED');
    expect(outbox.events).toEqual([]);
  });

  it('refuses after the start (midnight in the cohort timezone) and changes nothing', async () => {
    const { handler, repo, outbox, clock, cohortId } = await setup();
    clock.current = new Date('2027-06-07T04:00:00Z'); // 00:00 EDT on the start date
    await expect(handler.execute(new CancelCohortCommand(cohortId, null, PM))).rejects.toBeInstanceOf(ConflictError);
    expect(repo.cohorts.get(cohortId)?.status).toBe('SCHEDULED');
    expect(repo.clockEvents.get(cohortId)).toHaveLength(21);
    expect(outbox.events).toEqual([]);
  });

  it('refuses a second cancellation', async () => {
    const { handler, outbox, cohortId } = await setup();
    await handler.execute(new CancelCohortCommand(cohortId, undefined, PM));
    await expect(handler.execute(new CancelCohortCommand(cohortId, undefined, PM))).rejects.toThrow(
      /already cancelled/,
    );
    expect(outbox.events).toHaveLength(1);
  });

  it('reports an unknown cohort as not found', async () => {
    const { handler } = await setup();
    await expect(
      handler.execute(new CancelCohortCommand('00000000-0000-4000-8000-00000000dead', null, PM)),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
