import { refusedFields } from '#testing';
import { describe, expect, it } from '@jest/globals';
import { ConflictError, NotFoundError, ValidationError } from '#ddd';
import type { ScheduleTechTalkProps } from '../../domain/tech-talk.js';
import { CancelCohortCommand } from '../../../cohorts/commands/cancel-cohort/cancel-cohort.command.js';
import { CancelCohortHandler } from '../../../cohorts/commands/cancel-cohort/cancel-cohort.handler.js';
import { PM, repositoryFakes, scheduledCohort } from '../../../shared/commands/testing/repository-fakes.js';
import { ScheduleTechTalkCommand } from './schedule-tech-talk.command.js';
import { ScheduleTechTalkHandler } from './schedule-tech-talk.handler.js';

const NOW = new Date('2027-05-20T10:00:00Z'); // before the cohort starts on Monday 2027-06-07 (Europe/Berlin)
const talk: ScheduleTechTalkProps = {
  title: '  Event sourcing in practice ',
  speaker: 'Grace Hopper',
  abstract: 'Why the log is the database.',
  startsAt: '2027-06-22T16:00:00+02:00',
  durationMinutes: 60,
  joinUrl: 'https://meet.example.com/es',
};

async function setup() {
  const f = repositoryFakes(NOW);
  const cohortId = await scheduledCohort(f);
  const handler = f.build(ScheduleTechTalkHandler);
  return { ...f, handler, cohortId };
}

describe('ScheduleTechTalkHandler', () => {
  it('stores the talk under the cohort lock and appends TechTalkScheduled.v1 keyed by the cohort', async () => {
    const { handler, repo, talks, outbox, dataSource, cohortId } = await setup();
    const scheduled = await handler.execute(new ScheduleTechTalkCommand(cohortId, talk, PM));
    expect(scheduled.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(talks.talks.get(scheduled.id)).toEqual({
      id: scheduled.id,
      cohortId,
      title: 'Event sourcing in practice',
      speaker: 'Grace Hopper',
      abstract: 'Why the log is the database.',
      startsAt: new Date('2027-06-22T14:00:00Z'),
      durationMinutes: 60,
      joinUrl: 'https://meet.example.com/es',
      scheduledBy: 'pm-1',
      scheduledAt: NOW,
      rsvpCount: 0,
      attendanceCount: 0,
      status: 'SCHEDULED',
      sequence: 0,
      cancellationReason: null,
      cancelledBy: null,
      cancelledAt: null,
    });
    expect(repo.lockedIds).toEqual([cohortId]);
    expect(dataSource.transactions).toBe(1);
    expect(outbox.events).toEqual([
      {
        type: 'mentorflow.cohorts.TechTalkScheduled.v1',
        subject: cohortId,
        data: {
          talkId: scheduled.id,
          cohortId,
          title: 'Event sourcing in practice',
          speaker: 'Grace Hopper',
          startsAt: '2027-06-22T14:00:00.000Z',
          durationMinutes: 60,
        },
      },
    ]);
  });

  it('refuses a missing cohort id naming the field, before any transaction', async () => {
    const { handler, talks, outbox, dataSource } = await setup();
    expect(await refusedFields(handler.execute(new ScheduleTechTalkCommand('', talk, PM)))).toEqual(['cohortId']);
    expect(dataSource.transactions).toBe(0);
    expect(talks.talks.size).toBe(0);
    expect(outbox.events).toEqual([]);
  });

  it('refuses bad talk details naming every field before any transaction or lock, even for an unknown cohort', async () => {
    const { handler, repo, talks, outbox, dataSource, cohortId } = await setup();
    const bad = {
      ...talk,
      title: ' ',
      joinUrl: 'ftp://files.example.com',
      durationMinutes: 4,
      startsAt: '2027-06-22T16:00',
    };
    for (const id of [cohortId, '00000000-0000-4000-8000-00000000dead']) {
      expect(await refusedFields(handler.execute(new ScheduleTechTalkCommand(id, bad, PM)))).toEqual([
        'title',
        'joinUrl',
        'durationMinutes',
        'startsAt',
      ]);
    }
    expect(dataSource.transactions).toBe(0);
    expect(repo.lockedIds).toEqual([]);
    expect(talks.talks.size).toBe(0);
    expect(outbox.events).toEqual([]);
  });

  it("refuses a talk outside the cohort's dates (its stored dates) under the lock, and stores nothing", async () => {
    const { handler, repo, talks, outbox, dataSource, cohortId } = await setup();
    const outside = await handler
      .execute(new ScheduleTechTalkCommand(cohortId, { ...talk, startsAt: '2027-06-06T23:30:00+02:00' }, PM))
      .catch((e) => e);
    expect((outside as ValidationError).violations).toEqual([
      {
        field: 'startsAt',
        message: "must be inside the cohort's dates (2027-06-07 to the end of week 12, Europe/Berlin)",
      },
    ]);
    expect(dataSource.transactions).toBe(1);
    expect(repo.lockedIds).toEqual([cohortId]);
    expect(talks.talks.size).toBe(0);
    expect(outbox.events).toEqual([]);
  });

  it('refuses a cancelled cohort with CONFLICT and stores nothing', async () => {
    const { handler, talks, outbox, build, cohortId } = await setup();
    await build(CancelCohortHandler).execute(new CancelCohortCommand(cohortId, null, PM));
    outbox.events = [];
    const err = await handler.execute(new ScheduleTechTalkCommand(cohortId, talk, PM)).catch((e) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toBe(`cohort ${cohortId} is CANCELLED: it takes no more tech talks`);
    expect(talks.talks.size).toBe(0);
    expect(outbox.events).toEqual([]);
  });

  it('reports an unknown cohort as not found', async () => {
    const { handler } = await setup();
    await expect(
      handler.execute(new ScheduleTechTalkCommand('00000000-0000-4000-8000-00000000dead', talk, PM)),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
