import { describe, expect, it } from '@jest/globals';
import { NotFoundError } from '#ddd';
import { refusedFields } from '#testing';
import { mentorsFakes } from '../../../assignments/commands/testing/fakes.js';
import type { PreferencesInput } from '../../domain/preferences.js';
import { SetMatchingPreferencesCommand } from './set-matching-preferences.command.js';
import { SetMatchingPreferencesHandler } from './set-matching-preferences.handler.js';

const PM = { sub: 'pm-1', roles: ['PROGRAM_MANAGER'] };

function setup() {
  const f = mentorsFakes(new Date('2027-06-08T09:00:00Z'));
  f.db.schedule({ cohortId: 'c-1', startDate: '2027-06-07' });
  f.db.enroll({ internId: 'ada', cohortId: 'c-1' });
  f.db.enroll({ internId: 'bob', cohortId: 'c-1' });
  f.db.enroll({ internId: 'eve', cohortId: 'c-2' });
  f.db.register({ mentorId: 'grace' });
  f.db.register({ mentorId: 'alan' });
  const handler = f.build(SetMatchingPreferencesHandler);
  const set = (input: Partial<PreferencesInput>) =>
    handler.execute(
      new SetMatchingPreferencesCommand(
        { cohortId: 'c-1', weights: { expertise: 0.5, timezone: 0.5, workload: 0 }, exclusions: [], ...input },
        PM,
      ),
    );
  return { ...f, set };
}

describe('SetMatchingPreferencesHandler', () => {
  it('stores the weights and the exclusions (repeats dropped), replacing the previous preferences', async () => {
    const { db, outbox, set } = setup();
    await set({ exclusions: [{ internId: 'bob', mentorId: 'alan' }] });
    const result = await set({
      weights: { expertise: 1, timezone: 0.2, workload: 0.1 },
      exclusions: [
        { internId: 'ada', mentorId: 'grace' },
        { internId: ' ada', mentorId: 'grace ' },
      ],
    });
    const expected = {
      cohortId: 'c-1',
      weights: { expertise: 1, timezone: 0.2, workload: 0.1 },
      exclusions: [{ internId: 'ada', mentorId: 'grace' }],
    };
    expect(result).toEqual(expected);
    expect(db.tables().preferences).toEqual([{ ...expected, updatedBy: 'pm-1' }]);
    expect(outbox.events).toEqual([]);
  });

  it('refuses bad weights and blank ids before opening a transaction, naming each field', async () => {
    const { db, dataSource, set } = setup();
    const before = db.tables();
    expect(
      await refusedFields(
        set({
          weights: { expertise: 2, timezone: 0, workload: 0 },
          exclusions: [{ internId: ' ', mentorId: 'grace' }],
        }),
      ),
    ).toEqual(['weights.expertise', 'exclusions[0].internId']);
    expect(await refusedFields(set({ weights: { expertise: 0, timezone: 0, workload: 0 } }))).toEqual(['weights']);
    expect(dataSource.transactions).toBe(0);
    expect(db.tables()).toEqual(before);
  });

  it('refuses exclusions of interns not in the cohort or unknown mentors, changing nothing', async () => {
    const { db, set } = setup();
    await set({ exclusions: [{ internId: 'bob', mentorId: 'alan' }] });
    const before = db.tables();
    expect(
      await refusedFields(
        set({
          exclusions: [
            { internId: 'ada', mentorId: 'grace' },
            { internId: 'eve', mentorId: 'grace' },
            { internId: 'bob', mentorId: 'nobody' },
          ],
        }),
      ),
    ).toEqual(['exclusions[1].internId', 'exclusions[2].mentorId']);
    expect(db.tables()).toEqual(before);
  });

  it('answers NOT_FOUND for an unknown cohort', async () => {
    const { db, set } = setup();
    const before = db.tables();
    await expect(set({ cohortId: 'c-9' })).rejects.toBeInstanceOf(NotFoundError);
    expect(db.tables()).toEqual(before);
  });
});
