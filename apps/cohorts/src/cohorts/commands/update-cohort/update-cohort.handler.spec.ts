import { describe, expect, it } from '@jest/globals';
import { ConflictError, NotFoundError } from '#ddd';
import { CohortUpdatedV1 } from '#contracts';
import { refusedFields } from '#testing';
import { weekStartsAt } from '#calendar';
import { CohortStatus, WorkMode } from '../../domain/cohort.js';
import { ClockEventKind, dueClockEvents } from '../../../program-clock/domain/program-clock.js';
import {
  enrollmentOf,
  grantedExtension,
  patchEnrollment,
  PM,
  repositoryFakes,
  scheduledCohort,
  startCohort,
} from '../../../shared/commands/testing/repository-fakes.js';
import { UpdateCohortCommand } from './update-cohort.command.js';
import { UpdateCohortHandler } from './update-cohort.handler.js';

const NOW = new Date('2027-05-20T10:00:00Z');

async function setup(interns: string[] = ['intern-1', 'intern-2']) {
  const f = repositoryFakes(NOW);
  const cohortId = await scheduledCohort(f, interns);
  return { ...f, handler: f.build(UpdateCohortHandler), cohortId };
}

describe('UpdateCohortHandler', () => {
  it('changes name, capacity, location and work mode under a row lock and publishes the whole cohort with what changed', async () => {
    const { handler, repo, outbox, cohortId } = await setup();
    const clockBefore = repo.clockEvents.get(cohortId);
    const updated = await handler.execute(
      new UpdateCohortCommand(
        cohortId,
        { name: ' Summer 27 ', capacity: 4, location: 'Berlin', workMode: WorkMode.REMOTE },
        PM,
      ),
    );
    expect(updated).toMatchObject({ name: 'Summer 27', capacity: 4, location: 'Berlin', workMode: 'REMOTE' });
    expect(repo.cohorts.get(cohortId)).toMatchObject({ name: 'Summer 27', capacity: 4, workMode: 'REMOTE' });
    expect(repo.lockedIds).toEqual([cohortId]);
    expect(repo.clockEvents.get(cohortId)).toBe(clockBefore); // dates unchanged: the clock is not rewritten
    expect(outbox.dataOf(CohortUpdatedV1)).toEqual([
      {
        cohortId,
        name: 'Summer 27',
        startDate: '2027-06-07',
        weeks: 12,
        timezone: 'Europe/Berlin',
        location: 'Berlin', // unchanged, so not in `changed`
        workMode: 'REMOTE',
        capacity: 4,
        changed: ['name', 'workMode', 'capacity'],
        updatedBy: 'pm-1',
      },
    ]);
  });

  it('moves the dates of a SCHEDULED cohort: its start, its clock (extended weeks included) and its interns follow', async () => {
    const { handler, repo, enrollments, outbox, cohortId } = await setup();
    const intern1 = enrollmentOf(repo, cohortId, 'intern-1');
    patchEnrollment(repo, cohortId, 'intern-1', { extensionWeeks: 2 });
    enrollments.extensions = [grantedExtension(intern1.id, 2, 2)];
    await handler.execute(
      new UpdateCohortCommand(cohortId, { startDate: '2027-06-14', weeks: 14, timezone: 'America/New_York' }, PM),
    );
    const stored = repo.cohorts.get(cohortId)!;
    expect(stored).toMatchObject({ startDate: '2027-06-14', weeks: 14, timezone: 'America/New_York' });
    expect(stored.startsAt.toISOString()).toBe('2027-06-14T04:00:00.000Z'); // local midnight, EDT
    const clock = repo.clockEvents.get(cohortId)!;
    const own = dueClockEvents('2027-06-14', 14, 'America/New_York');
    expect(clock.slice(0, own.length)).toEqual(own);
    expect(clock.slice(own.length).map((e) => [e.kind, e.week, e.seq])).toEqual([
      [ClockEventKind.EXTENDED_WEEK_STARTED, 15, own.length + 1],
      [ClockEventKind.EXTENDED_WEEK_STARTED, 16, own.length + 2],
      [ClockEventKind.EXTENDED_WEEK_STARTED, 17, own.length + 3],
    ]);
    expect(clock.at(-1)!.dueAt).toEqual(weekStartsAt('2027-06-14', 17, 'America/New_York'));
    expect(outbox.dataOf(CohortUpdatedV1)[0]!.changed).toEqual(['startDate', 'weeks', 'timezone']);
  });

  it('changes nothing and publishes nothing when every given field is as it is', async () => {
    const { handler, repo, outbox, cohortId } = await setup();
    const before = repo.cohorts.get(cohortId);
    const same = await handler.execute(
      new UpdateCohortCommand(cohortId, { name: 'Summer 2027', capacity: 10, startDate: '2027-06-07' }, PM),
    );
    expect(same).toEqual(before);
    expect(repo.cohorts.get(cohortId)).toBe(before);
    expect(outbox.events).toEqual([]);
  });

  it('refuses bad input naming every field, and an empty update, before any transaction', async () => {
    const { handler, repo, outbox, dataSource, cohortId } = await setup();
    expect(
      await refusedFields(
        handler.execute(
          new UpdateCohortCommand(
            cohortId,
            {
              name: ' ',
              startDate: '2027-06-08',
              weeks: 9,
              timezone: 'Mars/Olympus',
              location: '',
              workMode: 'ON_MARS',
              capacity: 0,
            },
            PM,
          ),
        ),
      ),
    ).toEqual(['name', 'timezone', 'startDate', 'weeks', 'location', 'workMode', 'capacity']);
    expect(await refusedFields(handler.execute(new UpdateCohortCommand(cohortId, {}, PM)))).toEqual(['input']);
    expect(
      await refusedFields(handler.execute(new UpdateCohortCommand(cohortId, { name: null, capacity: null }, PM))),
    ).toEqual(['input']);
    expect(await refusedFields(handler.execute(new UpdateCohortCommand(' ', { name: 'x' }, PM)))).toEqual(['cohortId']);
    expect(
      await refusedFields(handler.execute(new UpdateCohortCommand(cohortId, { startDate: '2027-05-17' }, PM))),
    ).toEqual(['startDate']);
    expect(dataSource.transactions).toBe(0);
    expect(repo.cohorts.get(cohortId)?.name).toBe('Summer 2027');
    expect(outbox.events).toEqual([]);
  });

  it('refuses a capacity below the interns enrolled (CONFLICT) and accepts it equal', async () => {
    const { handler, repo, outbox, cohortId } = await setup();
    const err = await handler.execute(new UpdateCohortCommand(cohortId, { capacity: 1 }, PM)).catch((e) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toMatch(/capacity 1 is below the 2 interns enrolled/);
    expect(repo.cohorts.get(cohortId)?.capacity).toBe(10);
    expect(outbox.events).toEqual([]);
    await handler.execute(new UpdateCohortCommand(cohortId, { capacity: 2 }, PM));
    expect(repo.cohorts.get(cohortId)?.capacity).toBe(2);
  });

  it('refuses dates once the cohort is IN_PROGRESS, naming the fields, but still takes a new name', async () => {
    const f = await setup();
    const { handler, repo, outbox, cohortId } = f;
    startCohort(f, cohortId, 3, new Date('2027-06-23T10:00:00Z'));
    const clockBefore = repo.clockEvents.get(cohortId);
    const err = await handler
      .execute(new UpdateCohortCommand(cohortId, { name: 'Moved', startDate: '2027-07-05', weeks: 13 }, PM))
      .catch((e) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toBe(
      `cohort ${cohortId} is IN_PROGRESS: startDate, weeks can change only while the cohort is SCHEDULED`,
    );
    expect(repo.cohorts.get(cohortId)).toMatchObject({ name: 'Summer 2027', startDate: '2027-06-07', weeks: 12 });
    expect(repo.clockEvents.get(cohortId)).toBe(clockBefore);
    expect(outbox.events).toEqual([]);
    // A new zone for a cohort that started is a CONFLICT, not a start "in the past".
    await expect(
      handler.execute(new UpdateCohortCommand(cohortId, { timezone: 'Asia/Tokyo' }, PM)),
    ).rejects.toBeInstanceOf(ConflictError);
    await handler.execute(new UpdateCohortCommand(cohortId, { name: 'Summer 27', weeks: 12 }, PM));
    expect(outbox.dataOf(CohortUpdatedV1).map((d) => d.changed)).toEqual([['name']]);
  });

  it('refuses any change to a COMPLETED or CANCELLED cohort', async () => {
    for (const status of [CohortStatus.COMPLETED, CohortStatus.CANCELLED]) {
      const { handler, repo, outbox, cohortId } = await setup();
      repo.cohorts.set(cohortId, { ...repo.cohorts.get(cohortId)!, status });
      await expect(handler.execute(new UpdateCohortCommand(cohortId, { name: 'Renamed' }, PM))).rejects.toThrow(
        `cohort ${cohortId} is ${status}: it can no longer be changed`,
      );
      expect(outbox.events).toEqual([]);
    }
  });

  it('reports an unknown cohort as not found', async () => {
    const { handler } = await setup();
    await expect(
      handler.execute(new UpdateCohortCommand('00000000-0000-4000-8000-00000000dead', { name: 'x' }, PM)),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
