import { describe, expect, it } from '@jest/globals';
import { NotFoundError } from '#ddd';
import { evaluationsFakes, refusedFields } from '../../../evaluations/commands/testing/fakes.js';
import { PROGRAM_RUBRIC } from '../../domain/default-rubrics.js';
import { RubricTailoringClosedError, type TailorRubricProps } from '../../domain/tailoring.js';
import { TailorRubricCommand } from './tailor-rubric.command.js';
import { TailorRubricHandler } from './tailor-rubric.handler.js';

const NOW = new Date('2027-06-22T10:00:00Z'); // week 3 of a cohort starting 2027-06-07; its midpoint is week 6

const levels = (name: string) =>
  [1, 2, 3, 4, 5].map((score) => ({ score, label: `L${score}`, description: `${name} at level ${score}` }));

const DATA_ENGINEERING = {
  key: 'DATA_ENGINEERING',
  name: 'Data engineering',
  description: 'Builds reliable pipelines.',
  levels: levels('Pipelines'),
};

function setup() {
  const f = evaluationsFakes(NOW);
  f.db.clock({ cohortId: 'c-1', startDate: '2027-06-07', weeks: 12, currentWeek: 3 });
  f.db.enroll({ internId: 'ada', cohortId: 'c-1' });
  f.db.enroll({ internId: 'bob', cohortId: 'c-1' });
  const handler = f.build(TailorRubricHandler);
  const tailor = (input: Partial<TailorRubricProps> = {}) =>
    handler.execute(
      new TailorRubricCommand({ cohortId: ' c-1 ', kind: 'PROGRAM', criteria: [DATA_ENGINEERING], ...input }, 'pm-1'),
    );
  const setWeek = (week: number) => (f.db.state.clocks[0]!.currentWeek = week);
  return { ...f, tailor, setWeek };
}

describe('TailorRubricHandler', () => {
  it('saves the tailored rubric under the clock lock before the first window opens, publishing nothing', async () => {
    const { db, outbox, dataSource, tailor } = setup();

    const result = await tailor();

    const rubric = {
      kind: 'PROGRAM',
      name: 'Program rubric (tailored)',
      description: PROGRAM_RUBRIC.description,
      criteria: [DATA_ENGINEERING],
    };
    expect(result).toEqual({ rubric, cohortId: 'c-1', tailored: true });
    expect(dataSource.transactions).toBe(1);
    expect(db.locks).toEqual(['clock:c-1']);
    expect(db.state.rubrics).toEqual([
      { cohortId: 'c-1', kind: 'PROGRAM', rubric, tailoredBy: 'pm-1', tailoredAt: NOW },
    ]);
    expect(outbox.events).toEqual([]); // no event contract for rubrics
  });

  it('tailoring again replaces the cohort’s rubric of that kind only', async () => {
    const { db, clock, tailor } = setup();
    await tailor();
    await tailor({ kind: 'PRESENTATION', name: 'Demo day' });
    clock.current = new Date('2027-06-23T10:00:00Z');

    await tailor({ name: ' Second try ', description: 'Fewer criteria' });

    expect(db.state.rubrics.map((r) => [r.kind, r.rubric.name, r.rubric.description, r.tailoredAt])).toEqual([
      ['PROGRAM', 'Second try', 'Fewer criteria', clock.current],
      ['PRESENTATION', 'Demo day', expect.stringMatching(/^Criteria panel mentors score/), NOW],
    ]);
  });

  it('stays open while every running intern’s midpoint was moved later by an extension', async () => {
    const { db, tailor, setWeek } = setup();
    setWeek(6); // the cohort's midpoint week
    for (const intern of db.state.interns)
      intern.extensions = [{ eventId: `x-${intern.internId}`, weeks: 2, afterWeek: 4 }];
    db.enroll({ internId: 'cy', cohortId: 'c-1', status: 'WITHDRAWN' }); // no longer counts

    await tailor();

    expect(db.state.rubrics).toHaveLength(1);
  });

  it('refuses bad input before opening a transaction, naming the fields', async () => {
    const { db, expectNoTransaction, tailor } = setup();
    const before = db.tables();

    expect(await refusedFields(tailor({ cohortId: '  ', kind: 'BOTH' }))).toEqual(['cohortId', 'kind']);

    expect(
      await refusedFields(
        tailor({
          criteria: [
            { ...DATA_ENGINEERING, key: 'data' },
            { ...DATA_ENGINEERING, name: ' ', levels: levels('x').slice(0, 4) },
          ],
        }),
      ),
    ).toEqual(['criteria[0].key', 'criteria[1].name', 'criteria[1].levels']);

    expectNoTransaction(before);
  });

  it('refuses once the first evaluation window has opened, or an evaluation exists, with CONFLICT naming it', async () => {
    const { db, tailor, setWeek } = setup();
    db.state.interns[0]!.extensions = [{ eventId: 'x-ada', weeks: 2, afterWeek: 4 }]; // bob's midpoint is still week 6
    setWeek(6);
    const before = db.tables();

    const open = await tailor().catch((e: unknown) => e);
    expect(open).toBeInstanceOf(RubricTailoringClosedError);
    expect((open as Error).message).toBe(
      'the MIDPOINT evaluation window (week 6, 2027-07-12 – 2027-07-18) of cohort c-1 has already opened: its rubrics can only be tailored before the first evaluation window opens',
    );
    expect(db.tables()).toEqual(before);

    // Before the midpoint week, but someone was already evaluated (e.g. an intern who then left).
    setWeek(5);
    db.state.evaluations.push({ cohortId: 'c-1' } as (typeof db.state.evaluations)[number]);
    const evaluated = db.tables();
    await expect(tailor()).rejects.toBeInstanceOf(RubricTailoringClosedError);
    expect(db.tables()).toEqual(evaluated);
    expect(db.state.rubrics).toEqual([]);
  });

  it('reports an unknown cohort as NOT_FOUND', async () => {
    const { db, tailor } = setup();
    const before = db.tables();

    const error = await tailor({ cohortId: 'c-404' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe('Cohort c-404 was not found');
    expect(db.tables()).toEqual(before);
  });
});
