import { describe, expect, it } from '@jest/globals';
import { ValidationError } from '#ddd';
import { WorkMode } from '../../domain/cohort.js';
import { repositoryFakes } from '../../../shared/commands/testing/repository-fakes.js';
import { ScheduleCohortCommand } from './schedule-cohort.command.js';
import { ScheduleCohortHandler } from './schedule-cohort.handler.js';

const PM = { sub: 'pm-1', roles: ['PROGRAM_MANAGER'] };
const input = {
  name: 'Summer 2027',
  startDate: '2027-06-07',
  weeks: 12,
  timezone: 'Europe/Berlin',
  location: 'Berlin',
  workMode: WorkMode.REMOTE,
  capacity: 10,
};

function setup() {
  const f = repositoryFakes(new Date('2027-05-20T10:00:00Z'));
  const handler = f.build(ScheduleCohortHandler);
  return { ...f, handler };
}

describe('ScheduleCohortHandler', () => {
  it('stores the cohort and appends CohortScheduled.v1 keyed by the cohort id, in one transaction', async () => {
    const { handler, repo, outbox, dataSource } = setup();
    const cohort = await handler.execute(new ScheduleCohortCommand(input, PM));
    expect(cohort.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(repo.cohorts.get(cohort.id)).toMatchObject({ name: 'Summer 2027', status: 'SCHEDULED', enrolledCount: 0 });
    expect(dataSource.transactions).toBe(1);
    expect(outbox.events).toEqual([
      {
        type: 'mentorflow.cohorts.CohortScheduled.v1',
        subject: cohort.id,
        data: {
          cohortId: cohort.id,
          name: 'Summer 2027',
          startDate: '2027-06-07',
          weeks: 12,
          timezone: 'Europe/Berlin',
          location: 'Berlin',
          workMode: 'REMOTE',
          capacity: 10,
          scheduledBy: 'pm-1',
        },
      },
    ]);
  });

  it('writes the cohort clock (21 due events for 12 weeks, from CohortStarted at local midnight) and the default checklist', async () => {
    const { handler, repo } = setup();
    const cohort = await handler.execute(new ScheduleCohortCommand(input, PM));
    const clock = repo.clockEvents.get(cohort.id)!;
    expect(clock).toHaveLength(21);
    expect(clock[0]).toMatchObject({
      seq: 1,
      kind: 'COHORT_STARTED',
      week: 1,
      dueAt: new Date('2027-06-06T22:00:00Z'),
    });
    expect(clock.at(-1)).toMatchObject({ kind: 'COHORT_COMPLETED', week: 13 });
    const checklist = repo.checklists.get(cohort.id)!;
    expect(checklist.length).toBeGreaterThanOrEqual(5);
    expect(checklist.map((t) => t.position)).toEqual(checklist.map((_, i) => i + 1));
  });

  it('refuses bad input naming each field, before any transaction', async () => {
    const { handler, repo, outbox, dataSource } = setup();
    const err = await handler
      .execute(new ScheduleCohortCommand({ ...input, weeks: 9, startDate: '2027-06-08' }, PM))
      .catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).violations.map((v) => v.field).sort()).toEqual(['startDate', 'weeks']);
    expect(dataSource.transactions).toBe(0);
    expect(repo.cohorts.size).toBe(0);
    expect(outbox.events).toEqual([]);
  });
});
