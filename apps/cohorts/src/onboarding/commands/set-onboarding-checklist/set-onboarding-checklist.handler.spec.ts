import { refusedFields } from '#testing';
import { describe, expect, it } from '@jest/globals';
import { ConflictError, NotFoundError, ValidationError } from '#ddd';
import {
  PM,
  repositoryFakes,
  scheduledCohort,
  startCohort,
} from '../../../shared/commands/testing/repository-fakes.js';
import { SetOnboardingChecklistCommand } from './set-onboarding-checklist.command.js';
import { SetOnboardingChecklistHandler } from './set-onboarding-checklist.handler.js';

const NOW = new Date('2027-05-20T10:00:00Z');
const STARTS_AT = new Date('2027-06-06T22:00:00Z'); // local midnight of Monday 2027-06-07, Europe/Berlin

async function setup() {
  const f = repositoryFakes(NOW);
  const cohortId = await scheduledCohort(f);
  const handler = f.build(SetOnboardingChecklistHandler);
  return { ...f, handler, cohortId, defaults: f.repo.checklists.get(cohortId)! };
}

describe('SetOnboardingChecklistHandler', () => {
  it('replaces the checklist under the cohort lock: given ids kept, new tasks get one, positions in order', async () => {
    const { handler, repo, outbox, dataSource, cohortId, defaults } = await setup();
    const kept = defaults[3]!;
    const cohort = await handler.execute(
      new SetOnboardingChecklistCommand(
        cohortId,
        [
          { title: '  Collect your badge ', description: ' At the front desk ' },
          { id: ` ${kept.id} `, title: 'Build the main project', description: null },
        ],
        PM,
      ),
    );
    expect(cohort).toMatchObject({ id: cohortId, status: 'SCHEDULED' });
    const checklist = repo.checklists.get(cohortId)!;
    expect(checklist).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        cohortId,
        position: 1,
        title: 'Collect your badge',
        description: 'At the front desk',
      },
      { id: kept.id, cohortId, position: 2, title: 'Build the main project', description: null },
    ]);
    expect(defaults.map((t) => t.id)).not.toContain(checklist[0]!.id);
    expect(repo.lockedIds).toEqual([cohortId]);
    expect(dataSource.transactions).toBe(1);
    expect(outbox.events).toEqual([]); // the checklist is the cohorts service's own: no integration event
  });

  it('refuses a missing cohort id naming the field, before any transaction', async () => {
    const { handler, repo, dataSource, cohortId, defaults } = await setup();
    const err = await handler
      .execute(new SetOnboardingChecklistCommand('  ', [{ title: 'Read the handbook' }], PM))
      .catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).violations.map((v) => v.field)).toEqual(['cohortId']);
    expect(dataSource.transactions).toBe(0);
    expect(repo.checklists.get(cohortId)).toEqual(defaults);
  });

  it('refuses a bad checklist naming every offending task field before any transaction or lock, and keeps the old one', async () => {
    const { handler, repo, dataSource, cohortId, defaults } = await setup();
    const bad = [
      { id: defaults[0]!.id, title: ' ' },
      { id: '00000000-0000-4000-8000-0000000000aa', title: 'Not ours' },
      { id: defaults[0]!.id, title: 'Twice', description: 'x'.repeat(2001) },
    ];
    // The same for an unknown cohort: bad input, not NOT_FOUND.
    for (const id of [cohortId, '00000000-0000-4000-8000-00000000dead']) {
      expect(await refusedFields(handler.execute(new SetOnboardingChecklistCommand(id, [], PM)))).toEqual(['tasks']);
      const err = await handler.execute(new SetOnboardingChecklistCommand(id, bad, PM)).catch((e) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).violations).toEqual([
        { field: 'tasks[0].title', message: 'is required' },
        { field: 'tasks[2].description', message: 'must be at most 2000 characters' },
        { field: 'tasks[2].id', message: 'appears twice' },
      ]);
    }
    expect(dataSource.transactions).toBe(0);
    expect(repo.lockedIds).toEqual([]);
    expect(repo.checklists.get(cohortId)).toEqual(defaults);
  });

  it('refuses ids that are not tasks of the cohort (its stored checklist), naming each, and keeps the old one', async () => {
    const { handler, repo, cohortId, defaults } = await setup();
    const err = await handler
      .execute(
        new SetOnboardingChecklistCommand(
          cohortId,
          [
            { id: defaults[0]!.id, title: 'Ours' },
            { id: '00000000-0000-4000-8000-0000000000aa', title: 'Not ours' },
          ],
          PM,
        ),
      )
      .catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).violations).toEqual([
      { field: 'tasks[1].id', message: 'is not a task of this cohort (leave it out for a new task)' },
    ]);
    expect(repo.lockedIds).toEqual([cohortId]);
    expect(repo.checklists.get(cohortId)).toEqual(defaults);
  });

  it('refuses from the start (local midnight, or the sandbox clock past it) with CONFLICT and keeps the checklist', async () => {
    const f = await setup();
    const { handler, repo, clock, cohortId, defaults } = f;
    const tasks = [{ title: 'Read the handbook' }];
    clock.current = STARTS_AT; // still SCHEDULED: the clock has not fired yet
    await expect(handler.execute(new SetOnboardingChecklistCommand(cohortId, tasks, PM))).rejects.toThrow(
      `cohort ${cohortId} is starting: its onboarding checklist can be edited only before it starts`,
    );
    clock.current = NOW;
    repo.cohorts.set(cohortId, { ...repo.cohorts.get(cohortId)!, clockAt: STARTS_AT });
    await expect(handler.execute(new SetOnboardingChecklistCommand(cohortId, tasks, PM))).rejects.toBeInstanceOf(
      ConflictError,
    );
    startCohort(f, cohortId, 1, new Date('2027-06-08T08:00:00Z'));
    await expect(handler.execute(new SetOnboardingChecklistCommand(cohortId, tasks, PM))).rejects.toThrow(
      /is IN_PROGRESS: its onboarding checklist can be edited only before it starts/,
    );
    expect(repo.checklists.get(cohortId)).toEqual(defaults);
  });

  it('reports an unknown cohort as not found', async () => {
    const { handler } = await setup();
    await expect(
      handler.execute(
        new SetOnboardingChecklistCommand('00000000-0000-4000-8000-00000000dead', [{ title: 'Read the handbook' }], PM),
      ),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
